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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The bot's own profile (getMe, commands) and answers to callback queries. */
final class BotMethods {

    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");

    private final TelegramObjects objects;
    private final ChatStore chats;
    private final CallbackQueries callbackQueries;
    /** Like Telegram, one list per scope and language: a bot sets its users' menu and each admin's separately. */
    private final Map<String, ArrayNode> commands = new ConcurrentHashMap<>();

    BotMethods(TelegramObjects objects, ChatStore chats, CallbackQueries callbackQueries) {
        this.objects = objects;
        this.chats = chats;
        this.callbackQueries = callbackQueries;
    }

    Map<String, BotMethod> methods() {
        Map<String, BotMethod> methods = new LinkedHashMap<>();
        methods.put("getMe", params -> objects.me());
        methods.put("setMyCommands", this::setMyCommands);
        methods.put("getMyCommands", params -> commands.getOrDefault(scopeKey(params), Mapper.get().createArrayNode())
                .deepCopy());
        methods.put("deleteMyCommands", params -> {
            commands.remove(scopeKey(params));
            return BooleanNode.TRUE;
        });
        methods.put("answerCallbackQuery", this::answerCallbackQuery);
        return methods;
    }

    private JsonNode setMyCommands(Params params) {
        JsonNode list = params.json("commands", "can't parse commands JSON array");
        if (list == null || !list.isArray()) {
            throw BotApiErrorAnswer.badRequest("can't parse commands JSON array");
        }
        for (JsonNode command : list) {
            if (!COMMAND.matcher(command.path("command").asText()).matches()) {
                throw BotApiErrorAnswer.badRequest("BOT_COMMAND_INVALID");
            }
            int description = command.path("description").asText().length();
            if (description < 1 || description > 256) {
                throw BotApiErrorAnswer.badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            }
        }
        commands.put(scopeKey(params), (ArrayNode) list.deepCopy());
        return BooleanNode.TRUE;
    }

    /** The scope's type and target (no scope = {@code default}) and the language code, as one key. */
    private static String scopeKey(Params params) {
        JsonNode scope = params.json("scope", "can't parse BotCommandScope JSON object");
        String type = scope == null ? "default" : scope.path("type").asText("default");
        String chat = scope == null ? "" : scope.path("chat_id").asText("");
        String user = scope == null ? "" : scope.path("user_id").asText("");
        String language = params.string("language_code");
        return type + "|" + chat + "|" + user + "|" + (language == null ? "" : language);
    }

    private JsonNode answerCallbackQuery(Params params) {
        String id = params.string("callback_query_id");
        OptionalLong chatId = callbackQueries.answer(id);
        if (chatId.isEmpty()) {
            throw BotApiErrorAnswer.badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        chats.answered(chatId.getAsLong(), new CallbackAnswer(id, params.string("text"), params.bool("show_alert")));
        return BooleanNode.TRUE;
    }
}
