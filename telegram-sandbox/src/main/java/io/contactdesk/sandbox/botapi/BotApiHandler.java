package io.contactdesk.sandbox.botapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.contactdesk.sandbox.chat.CallbackQueries;
import io.contactdesk.sandbox.chat.ChatException;
import io.contactdesk.sandbox.chat.ChatStore;
import io.contactdesk.sandbox.flood.TelegramFloodLimiter;
import io.contactdesk.sandbox.http.Exchanges;
import io.contactdesk.sandbox.http.RequestParams;
import io.contactdesk.sandbox.json.Mapper;
import io.contactdesk.sandbox.json.TelegramObjects;
import io.contactdesk.sandbox.payments.Payments;
import io.contactdesk.sandbox.replies.ReplyLog;
import io.contactdesk.sandbox.spec.BotApiSpec;
import io.contactdesk.sandbox.spec.SpecViolationLog;
import io.contactdesk.sandbox.stats.Stats;
import io.contactdesk.sandbox.updates.UpdateQueue;
import io.contactdesk.sandbox.webhook.WebhookSender;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Serves {@code /bot{token}/{method}}: authentication, dispatch, faults and Telegram's envelope. */
public final class BotApiHandler implements HttpHandler {

    private final String token;
    private final Stats stats;
    private final Faults faults;
    private final RequestValidation validation;
    private final ReplyLog replies;
    private final long responseLatencyMillis;
    private final Map<String, Named> methods = new HashMap<>();

    public BotApiHandler(String token, ChatStore chats, UpdateQueue updates, CallbackQueries callbackQueries,
                         TelegramFloodLimiter flood, TelegramObjects objects, Stats stats, Faults faults,
                         SpecViolationLog violations, WebhookSender webhook, ReplyLog replies,
                         Duration responseLatency, Payments payments) {
        this.token = token;
        this.replies = replies;
        this.responseLatencyMillis = responseLatency.toMillis();
        this.stats = stats;
        this.faults = faults;
        this.validation = new RequestValidation(BotApiSpec.get(), violations);
        register(new UpdateMethods(updates, webhook).methods());
        register(new MessageMethods(chats, flood, objects, faults).methods());
        register(new BotMethods(objects, chats, callbackQueries).methods());
        register(new PaymentMethods(chats, flood, objects, payments).methods());
    }

    // Telegram matches method names case-insensitively; stats keep the documented spelling.
    private void register(Map<String, BotMethod> group) {
        group.forEach((name, method) -> methods.put(name.toLowerCase(Locale.ROOT), new Named(name, method)));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ObjectNode answer;
            int status;
            try {
                answer = ok(dispatch(exchange));
                status = 200;
            } catch (BotApiErrorAnswer e) {
                answer = error(e);
                status = e.errorCode();
                stats.answered(status);
            } catch (RuntimeException e) {
                // A sandbox bug must still answer, or the client would hang on a half-open exchange.
                answer = error(new BotApiErrorAnswer(500, "Internal Server Error: " + e, null));
                status = 500;
            }
            holdBack();
            Exchanges.sendJson(exchange, status, answer);
        }
    }

    /** The simulated round trip to Telegram: the call has taken effect, its answer is on its way. */
    private void holdBack() {
        if (responseLatencyMillis > 0) {
            try {
                Thread.sleep(responseLatencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private JsonNode dispatch(HttpExchange exchange) throws IOException {
        // Path: /bot<token>/<method>; the token itself contains ':' but never '/'.
        String rest = exchange.getRequestURI().getRawPath().substring("/bot".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw BotApiErrorAnswer.notFound();
        }
        if (!token.equals(URLDecoder.decode(rest.substring(0, slash), StandardCharsets.UTF_8))) {
            throw BotApiErrorAnswer.unauthorized();
        }
        String requested = rest.substring(slash + 1);
        Named method = methods.get(requested.toLowerCase(Locale.ROOT));
        if (method == null) {
            throw validation.unavailable(requested);
        }
        stats.call(method.name());
        ObjectNode params = params(exchange);
        // Before faults: an injected fault plays Telegram failing a valid call, never hides an invalid one.
        validation.check(method.name(), params);
        Optional<Fault> fault = faults.next(method.name());
        if (fault.isPresent()) {
            stats.injected(fault.get().status());
            throw fault.get().toException();
        }
        JsonNode result = call(method, new Params(params));
        log(method.name(), params, result);
        return result;
    }

    private void log(String method, ObjectNode params, JsonNode result) {
        if (method.equals("answerCallbackQuery")) {
            replies.answeredCallback(params.path("callback_query_id").asText());
        } else if (method.equals("answerPreCheckoutQuery")) {
            replies.answeredPreCheckout(params.path("pre_checkout_query_id").asText());
        } else if (result.has("message_id") && result.has("chat")) {
            replies.wrote(method, result.path("chat").path("id").asLong(), result.path("message_id").asLong(),
                    result.get("reply_markup"));
        }
    }

    private static ObjectNode params(HttpExchange exchange) throws IOException {
        try {
            return RequestParams.read(exchange);
        } catch (IllegalArgumentException e) {
            throw BotApiErrorAnswer.badRequest("can't parse request JSON object");
        }
    }

    private static JsonNode call(Named method, Params params) {
        try {
            return method.method().call(params);
        } catch (ChatException e) {
            throw switch (e.reason()) {
                case CHAT_NOT_FOUND -> BotApiErrorAnswer.badRequest("chat not found");
                case BLOCKED -> BotApiErrorAnswer.blocked();
                case MESSAGE_NOT_FOUND -> BotApiErrorAnswer.badRequest("message not found");
            };
        } catch (InterruptedException e) {
            // Only while the sandbox shuts down.
            Thread.currentThread().interrupt();
            throw new BotApiErrorAnswer(500, "Internal Server Error: sandbox is stopping", null);
        }
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode answer = Mapper.object();
        answer.put("ok", true);
        answer.set("result", result);
        return answer;
    }

    private static ObjectNode error(BotApiErrorAnswer e) {
        ObjectNode answer = Mapper.object();
        answer.put("ok", false);
        answer.put("error_code", e.errorCode());
        answer.put("description", e.description());
        if (e.retryAfter() != null) {
            answer.putObject("parameters").put("retry_after", e.retryAfter());
        }
        return answer;
    }

    private record Named(String name, BotMethod method) {
    }
}
