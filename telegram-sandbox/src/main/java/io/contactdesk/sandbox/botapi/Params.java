package io.contactdesk.sandbox.botapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.json.Mapper;

/**
 * A Bot API call's parameters, however they came (JSON body, form or query string).
 *
 * <p>Form and query values are all strings, while JSON bodies carry numbers and nested objects;
 * the getters accept both, as Telegram does.
 */
public final class Params {

    private final ObjectNode values;

    public Params(ObjectNode values) {
        this.values = values;
    }

    public boolean has(String name) {
        JsonNode node = values.get(name);
        return node != null && !node.isNull();
    }

    /** @return the value as text, or null when absent */
    public String string(String name) {
        JsonNode node = values.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    public Long optionalLong(String name) {
        String text = string(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw BotApiErrorAnswer.badRequest("invalid " + name + " specified");
        }
    }

    public long requiredLong(String name) {
        Long value = optionalLong(name);
        if (value == null) {
            throw BotApiErrorAnswer.badRequest(name + " is empty");
        }
        return value;
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(string(name));
    }

    /**
     * The chat id. A "@channelusername" is valid Telegram input, but the sandbox's chats have no
     * public usernames, so it is simply not found.
     */
    public long chatId() {
        String text = string("chat_id");
        if (text == null || text.isBlank()) {
            throw BotApiErrorAnswer.badRequest("chat_id is empty");
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw BotApiErrorAnswer.badRequest("chat not found");
        }
    }

    /**
     * A structured parameter: a nested object in a JSON body, a JSON-serialized string in a form.
     *
     * @return null when absent
     * @throws BotApiErrorAnswer with {@code unparsable} as its detail when a string is not JSON
     */
    public JsonNode json(String name, String unparsable) {
        JsonNode node = values.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            return node;
        }
        if (node.asText().isBlank()) {
            return null;
        }
        try {
            return Mapper.get().readTree(node.asText());
        } catch (JsonProcessingException e) {
            throw BotApiErrorAnswer.badRequest(unparsable);
        }
    }
}
