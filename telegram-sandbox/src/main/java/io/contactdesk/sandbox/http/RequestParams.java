package io.contactdesk.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.contactdesk.sandbox.json.Mapper;
import java.io.IOException;
import java.util.Optional;

/** Merges a request's query string and body (JSON object, form or multipart form) into one object, the body winning. */
public final class RequestParams {

    private RequestParams() {
    }

    /** @throws IllegalArgumentException when a JSON body is not a JSON object */
    public static ObjectNode read(HttpExchange exchange) throws IOException {
        ObjectNode values = Mapper.object();
        Exchanges.form(exchange.getRequestURI().getRawQuery()).forEach(values::put);
        String body = Exchanges.body(exchange);
        if (body.isBlank()) {
            return values;
        }
        Optional<String> boundary = MultipartForm.boundary(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (boundary.isPresent()) {
            MultipartForm.fields(body, boundary.get()).forEach(values::put);
        } else if (Exchanges.isJson(exchange) || body.stripLeading().startsWith("{")) {
            values.setAll(jsonObject(body));
        } else {
            Exchanges.form(body).forEach(values::put);
        }
        return values;
    }

    private static ObjectNode jsonObject(String body) {
        try {
            JsonNode node = Mapper.get().readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // reported below with the same message as a non-object body
        }
        throw new IllegalArgumentException("the request body must be a JSON object");
    }
}
