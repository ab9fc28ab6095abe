package io.contactdesk.sandbox.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the local chat page: {@code /} and its few static files under {@code /web/}, from the
 * classpath. A fixed table, not a directory lookup, so no request path can reach another resource.
 */
public final class ChatPageHandler implements HttpHandler {

    private static final String RESOURCES = "/io/contactdesk/sandbox/web/";
    // The page talks only to this server: the policy makes a stray external URL fail loudly in the browser.
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, Asset> ASSETS = Map.of(
            "/", new Asset("index.html", "text/html; charset=utf-8"),
            "/web/chat.js", new Asset("chat.js", "text/javascript; charset=utf-8"),
            "/web/telegram-html.js", new Asset("telegram-html.js", "text/javascript; charset=utf-8"),
            "/web/chat.css", new Asset("chat.css", "text/css; charset=utf-8"));

    /** Whether this handler owns the path; the router asks before handing the exchange over. */
    public static boolean serves(String path) {
        return path.equals("/") || path.startsWith("/web/");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Asset asset = ASSETS.get(exchange.getRequestURI().getPath());
            String verb = exchange.getRequestMethod();
            if (asset == null) {
                sendText(exchange, 404, "Not Found");
            } else if (!verb.equals("GET") && !verb.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendText(exchange, 405, "Method Not Allowed");
            } else {
                send(exchange, asset, verb.equals("HEAD"));
            }
        }
    }

    private static void send(HttpExchange exchange, Asset asset, boolean headOnly) throws IOException {
        byte[] bytes = asset.bytes();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", asset.contentType());
        // The page is a development tool edited alongside the sandbox: never show a stale copy.
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (headOnly) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Asset(String name, String contentType) {

        /** Read per request (they are a few kB) so that a page edited in an IDE shows on reload. */
        byte[] bytes() {
            try (InputStream in = ChatPageHandler.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing classpath resource " + RESOURCES + name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
