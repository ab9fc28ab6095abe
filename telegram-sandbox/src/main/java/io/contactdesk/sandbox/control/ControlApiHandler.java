package io.contactdesk.sandbox.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.contactdesk.sandbox.botapi.Fault;
import io.contactdesk.sandbox.botapi.Faults;
import io.contactdesk.sandbox.botapi.RecordFault;
import io.contactdesk.sandbox.chat.CallbackQueries;
import io.contactdesk.sandbox.chat.ChatStore;
import io.contactdesk.sandbox.flood.TelegramFloodLimiter;
import io.contactdesk.sandbox.http.Exchanges;
import io.contactdesk.sandbox.http.RequestParams;
import io.contactdesk.sandbox.json.Mapper;
import io.contactdesk.sandbox.json.TelegramObjects;
import io.contactdesk.sandbox.payments.Payments;
import io.contactdesk.sandbox.replies.ReplyLog;
import io.contactdesk.sandbox.spec.SpecViolationLog;
import io.contactdesk.sandbox.stats.Stats;
import io.contactdesk.sandbox.updates.UpdateQueue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Serves {@code /sandbox/...}: the test-facing side that plays the users and reports what the bot did. */
public final class ControlApiHandler implements HttpHandler {

    private final UserSimulator users;
    private final ControlViews views;
    private final Faults faults;
    private final UpdateQueue updates;
    private final ReplyLog replies;

    /** A batch is one request's worth of load: enough to keep a benchmark's generator off the critical path. */
    static final int MAX_BATCH = 10_000;

    public ControlApiHandler(ChatStore chats, UpdateQueue updates, CallbackQueries callbackQueries,
                             TelegramObjects objects, Stats stats, Faults faults, SpecViolationLog violations,
                             ReplyLog replies, Payments payments, TelegramFloodLimiter flood) {
        this.users = new UserSimulator(chats, updates, callbackQueries, objects, replies, payments);
        this.replies = replies;
        this.views = new ControlViews(chats, updates, stats, violations, flood);
        this.faults = faults;
        this.updates = updates;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                Exchanges.sendJson(exchange, 200, route(exchange));
            } catch (ControlException e) {
                Exchanges.sendJson(exchange, e.status(), error(e.getMessage()));
            } catch (RuntimeException e) {
                Exchanges.sendJson(exchange, 500, error("sandbox failure: " + e));
            }
        }
    }

    private JsonNode route(HttpExchange exchange) throws IOException {
        refuseCrossSite(exchange);
        String[] path = exchange.getRequestURI().getPath().substring("/sandbox/".length()).split("/");
        String verb = exchange.getRequestMethod();
        if (path.length == 3 && path[0].equals("users")) {
            long userId = ControlInput.parseLong("userId", path[1]);
            requireVerb(verb, "POST");
            return switch (path[2]) {
                case "messages" -> users.writes(userId, input(exchange));
                case "callbacks" -> users.pressesButton(userId, input(exchange));
                case "block" -> users.blocks(userId, true);
                case "unblock" -> users.blocks(userId, false);
                case "pay" -> pay(userId, input(exchange));
                default -> throw unknown();
            };
        }
        if (path.length == 5 && path[0].equals("users") && path[2].equals("messages") && path[4].equals("edit")) {
            requireVerb(verb, "POST");
            return users.edits(ControlInput.parseLong("userId", path[1]), ControlInput.parseLong("messageId", path[3]),
                    input(exchange));
        }
        if (path.length == 3 && path[0].equals("chats")) {
            long chatId = ControlInput.parseLong("chatId", path[1]);
            requireVerb(verb, "GET");
            return switch (path[2]) {
                case "messages" -> views.messages(chatId);
                case "history" -> views.history(chatId);
                case "callback-answers" -> views.callbackAnswers(chatId);
                default -> throw unknown();
            };
        }
        if (path.length == 1 && path[0].equals("updates")) {
            requireVerb(verb, "POST");
            return batch(exchange);
        }
        if (path.length == 1 && path[0].equals("replies")) {
            return switch (verb) {
                case "GET" -> replies(input(exchange));
                case "DELETE" -> {
                    replies.clear();
                    yield Mapper.object().put("cleared", true);
                }
                default -> throw new ControlException(405, "use GET or DELETE");
            };
        }
        if (path.length == 1 && path[0].equals("stats")) {
            requireVerb(verb, "GET");
            return views.stats();
        }
        if (path.length == 2 && path[0].equals("update-ids") && path[1].equals("restart")) {
            requireVerb(verb, "POST");
            return restartUpdateIds(input(exchange));
        }
        if (path.length == 1 && path[0].equals("flood-refusals")) {
            requireVerb(verb, "GET");
            return views.floodRefusals();
        }
        if (path.length == 1 && path[0].equals("spec-violations")) {
            requireVerb(verb, "GET");
            return views.specViolations();
        }
        if (path.length == 1 && path[0].equals("record-faults")) {
            requireVerb(verb, "POST");
            return armRecordFault(input(exchange));
        }
        if (path.length == 1 && path[0].equals("faults")) {
            return switch (verb) {
                case "POST" -> armFault(input(exchange));
                case "DELETE" -> clearFaults();
                default -> throw new ControlException(405, "use POST or DELETE");
            };
        }
        throw unknown();
    }

    private JsonNode pay(long userId, ControlInput input) {
        try {
            return users.pays(userId, input);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(503, "the sandbox is stopping");
        }
    }

    /**
     * Many users' messages and taps in one request, each checked as its own call would be before any is queued; the
     * answer lists the update ids in the order given.
     */
    private JsonNode batch(HttpExchange exchange) throws IOException {
        JsonNode items = input(exchange).body().get("updates");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw ControlException.badRequest("\"updates\" must be a non-empty array");
        }
        if (items.size() > MAX_BATCH) {
            throw ControlException.badRequest("at most " + MAX_BATCH + " updates per batch, not " + items.size());
        }
        List<Runnable> queued = new ArrayList<>();
        ArrayNode ids = Mapper.get().createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!(item instanceof ObjectNode object)) {
                throw ControlException.badRequest("updates[" + i + "] must be an object");
            }
            ControlInput one = new ControlInput(object);
            String where = "updates[" + i + "]: ";
            try {
                long userId = one.requiredLong("user_id");
                if (one.optionalText("data") != null) {
                    users.checkTap(userId, one);
                    queued.add(() -> ids.add(users.pressesButton(userId, one).get("update_id").asLong()));
                } else {
                    users.checkMessage(one);
                    queued.add(() -> ids.add(users.writes(userId, one).get("update_id").asLong()));
                }
            } catch (ControlException e) {
                throw new ControlException(e.status(), where + e.getMessage());
            }
        }
        queued.forEach(Runnable::run);
        return Mapper.object().set("update_ids", ids);
    }

    /** The reply log after {@code after} (a seq, 0 for the start), at most {@code limit} (10,000) entries. */
    private JsonNode replies(ControlInput input) {
        Long after = input.optionalLong("after");
        Long limit = input.optionalLong("limit");
        if ((after != null && after < 0) || (limit != null && (limit < 1 || limit > MAX_BATCH))) {
            throw ControlException.badRequest("\"after\" must be ≥ 0 and \"limit\" 1 to " + MAX_BATCH);
        }
        ArrayNode list = Mapper.get().createArrayNode();
        replies.after(after == null ? 0 : after, limit == null ? MAX_BATCH : limit.intValue()).forEach(list::add);
        return Mapper.object().set("replies", list);
    }

    private JsonNode armFault(ControlInput input) {
        long count = input.optionalLong("count") == null ? 1 : input.optionalLong("count");
        Fault fault;
        try {
            fault = new Fault(input.requiredText("method"), (int) input.requiredLong("status"),
                    input.optionalText("description"), input.optionalLong("retry_after"));
            faults.arm(fault, (int) Math.min(Integer.MAX_VALUE, count));
        } catch (IllegalArgumentException e) {
            throw ControlException.badRequest(e.getMessage());
        }
        ObjectNode answer = Mapper.object();
        answer.put("method", fault.method());
        answer.put("status", fault.status());
        answer.put("count", count);
        answer.put("description", fault.description());
        return answer;
    }

    private JsonNode armRecordFault(ControlInput input) {
        long count = input.optionalLong("count") == null ? 1 : input.optionalLong("count");
        RecordFault effect;
        try {
            effect = RecordFault.parse(input.requiredText("effect"));
            faults.armRecording(effect, (int) Math.min(Integer.MAX_VALUE, count), input.optionalLong("delay_ms"));
        } catch (IllegalArgumentException e) {
            throw ControlException.badRequest(e.getMessage());
        }
        return Mapper.object().put("effect", effect.name().toLowerCase(Locale.ROOT)).put("count", count);
    }

    private JsonNode restartUpdateIds(ControlInput input) {
        Long firstId = input.optionalLong("first_id");
        if (firstId != null && (firstId < 1 || firstId > Integer.MAX_VALUE)) {
            throw ControlException.badRequest("\"first_id\" must be a positive 32-bit integer, like Telegram's ids");
        }
        UpdateQueue.Restarted restart = updates.restart(firstId);
        replies.forgetWaiting();
        return Mapper.object().put("first_id", restart.firstId()).put("discarded", restart.discarded());
    }

    private JsonNode clearFaults() {
        faults.clear();
        return Mapper.object().put("cleared", true);
    }

    private static ControlInput input(HttpExchange exchange) throws IOException {
        try {
            return new ControlInput(RequestParams.read(exchange));
        } catch (IllegalArgumentException e) {
            throw ControlException.badRequest(e.getMessage());
        }
    }

    /**
     * The control API changes what the bot sees, so a web page elsewhere must not drive it through a visitor's
     * browser: an HTML form can post {@code application/x-www-form-urlencoded}, {@code multipart/form-data} or
     * {@code text/plain} to any address without asking, but a JSON body from another origin needs a CORS preflight,
     * which the sandbox never grants. So a POST must be JSON, and a request whose {@code Origin} is not the sandbox's
     * own (the chat page's) is refused. Clients that are not browsers send no {@code Origin}.
     */
    private static void refuseCrossSite(HttpExchange exchange) {
        String verb = exchange.getRequestMethod();
        if (verb.equals("GET") || verb.equals("HEAD")) {
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (origin != null && (host == null
                || !(origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host)))) {
            throw new ControlException(403, "cross-site request refused: Origin " + origin + " is not this sandbox");
        }
        if (verb.equals("POST") && !Exchanges.isJson(exchange)) {
            throw new ControlException(415, "control calls take a JSON body: send Content-Type: application/json");
        }
    }

    private static void requireVerb(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new ControlException(405, "use " + expected);
        }
    }

    private static ControlException unknown() {
        return ControlException.notFound("no such control call; see docs/architecture.md section 4");
    }

    private static ObjectNode error(String message) {
        return Mapper.object().put("error", message);
    }
}
