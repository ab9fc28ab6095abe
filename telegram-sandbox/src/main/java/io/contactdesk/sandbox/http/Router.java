package io.contactdesk.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.contactdesk.sandbox.json.Mapper;
import io.contactdesk.sandbox.web.ChatPageHandler;
import java.io.IOException;

/**
 * Sends {@code /bot…} to the Bot API, {@code /sandbox/…} to the control API and {@code /} with
 * {@code /web/…} to the chat page.
 *
 * <p>One root context with our own prefix test, because HttpServer's context matching changed
 * between JDK releases (string prefix vs path segment) and {@code /bot<token>} is not a segment.
 */
public final class Router implements HttpHandler {

    private final HttpHandler botApi;
    private final HttpHandler control;
    private final HttpHandler chatPage;

    public Router(HttpHandler botApi, HttpHandler control, HttpHandler chatPage) {
        this.botApi = botApi;
        this.control = control;
        this.chatPage = chatPage;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/bot")) {
            botApi.handle(exchange);
        } else if (path.startsWith("/sandbox/")) {
            control.handle(exchange);
        } else if (ChatPageHandler.serves(path)) {
            chatPage.handle(exchange);
        } else {
            try (exchange) {
                Exchanges.sendJson(exchange, 404, Mapper.object()
                        .put("ok", false).put("error_code", 404).put("description", "Not Found"));
            }
        }
    }
}
