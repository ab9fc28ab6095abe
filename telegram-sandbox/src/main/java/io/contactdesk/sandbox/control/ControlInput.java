package io.contactdesk.sandbox.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Typed, strict reads of a control API body: bad input is the test's bug, so it is refused loudly. */
record ControlInput(ObjectNode body) {

    String requiredText(String name) {
        String value = optionalText(name);
        if (value == null || value.isEmpty()) {
            throw ControlException.badRequest("\"" + name + "\" is required");
        }
        return value;
    }

    String optionalText(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw ControlException.badRequest("\"" + name + "\" must be a string");
        }
        return node.asText();
    }

    /** @return a nested object's fields, read as strictly as the body's, or null when absent */
    ControlInput optionalObject(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!(node instanceof ObjectNode object)) {
            throw ControlException.badRequest("\"" + name + "\" must be an object");
        }
        return new ControlInput(object);
    }

    long requiredLong(String name) {
        Long value = optionalLong(name);
        if (value == null) {
            throw ControlException.badRequest("\"" + name + "\" is required");
        }
        return value;
    }

    Long optionalLong(String name) {
        String text = optionalText(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        return parseLong(name, text);
    }

    static long parseLong(String name, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ControlException.badRequest("\"" + name + "\" must be an integer, not \"" + text + "\"");
        }
    }
}
