package io.contactdesk.sandbox.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The sandbox's one ObjectMapper; responses are built as trees so field names stay Telegram's. */
public final class Mapper {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Mapper() {
    }

    public static ObjectMapper get() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
