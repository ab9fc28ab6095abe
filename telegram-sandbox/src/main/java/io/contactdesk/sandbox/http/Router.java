package io.contactdesk.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.contactdesk.sandbox.json.Mapper;

import java.io.IOException;

/**
 * Sends {@code /bot…} to the Bot API and {@code /sandbox/…} to the control API.
 *
 * <p>One root context with our own prefix test, because HttpServer's context matching changed
 * between JDK releases (string prefix vs path segment) and {@code /bot<token>} is not a segment.
 */
public final class Router implements HttpHandler {

    private final HttpHandler botApi;
    private final HttpHandler control;

    public Router(HttpHandler botApi, HttpHandler control) {
        this.botApi = botApi;
        this.control = control;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/bot")) {
            botApi.handle(exchange);
        } else if (path.startsWith("/sandbox/")) {
            control.handle(exchange);
        } else {
            try (exchange) {
                Exchanges.sendJson(exchange, 404, Mapper.object()
                        .put("ok", false).put("error_code", 404).put("description", "Not Found"));
            }
        }
    }
}
