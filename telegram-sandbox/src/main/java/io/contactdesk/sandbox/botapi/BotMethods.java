package io.contactdesk.sandbox.botapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.contactdesk.sandbox.chat.CallbackAnswer;
import io.contactdesk.sandbox.chat.CallbackQueries;
import io.contactdesk.sandbox.chat.ChatStore;
import io.contactdesk.sandbox.json.Mapper;
import io.contactdesk.sandbox.json.TelegramObjects;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/** The bot's own profile (getMe, commands) and answers to callback queries. */
final class BotMethods {

    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");

    private final TelegramObjects objects;
    private final ChatStore chats;
    private final CallbackQueries callbackQueries;
    private final AtomicReference<ArrayNode> commands = new AtomicReference<>(Mapper.get().createArrayNode());

    BotMethods(TelegramObjects objects, ChatStore chats, CallbackQueries callbackQueries) {
        this.objects = objects;
        this.chats = chats;
        this.callbackQueries = callbackQueries;
    }

    Map<String, BotMethod> methods() {
        Map<String, BotMethod> methods = new LinkedHashMap<>();
        methods.put("getMe", params -> objects.me());
        methods.put("setMyCommands", this::setMyCommands);
        methods.put("getMyCommands", params -> commands.get().deepCopy());
        methods.put("deleteMyCommands", params -> {
            commands.set(Mapper.get().createArrayNode());
            return BooleanNode.TRUE;
        });
        methods.put("answerCallbackQuery", this::answerCallbackQuery);
        return methods;
    }

    private JsonNode setMyCommands(Params params) {
        JsonNode list = params.json("commands", "can't parse commands JSON array");
        if (list == null || !list.isArray()) {
            throw BotApiException.badRequest("can't parse commands JSON array");
        }
        for (JsonNode command : list) {
            if (!COMMAND.matcher(command.path("command").asText()).matches()) {
                throw BotApiException.badRequest("BOT_COMMAND_INVALID");
            }
            int description = command.path("description").asText().length();
            if (description < 1 || description > 256) {
                throw BotApiException.badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            }
        }
        commands.set((ArrayNode) list.deepCopy());
        return BooleanNode.TRUE;
    }

    private JsonNode answerCallbackQuery(Params params) {
        String id = params.string("callback_query_id");
        OptionalLong chatId = callbackQueries.answer(id);
        if (chatId.isEmpty()) {
            throw BotApiException.badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        chats.answered(chatId.getAsLong(), new CallbackAnswer(id, params.string("text"), params.bool("show_alert")));
        return BooleanNode.TRUE;
    }
}
