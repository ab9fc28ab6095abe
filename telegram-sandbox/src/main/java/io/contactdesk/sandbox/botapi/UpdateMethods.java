package io.contactdesk.sandbox.botapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.json.Mapper;
import io.contactdesk.sandbox.spec.BotApiSpec;
import io.contactdesk.sandbox.updates.UpdateQueue;
import io.contactdesk.sandbox.webhook.WebhookRegistration;
import io.contactdesk.sandbox.webhook.WebhookSender;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/** getUpdates and the webhook methods: how updates leave the sandbox. */
final class UpdateMethods {

    // An empty allowed_updates means every type but these, which a bot must ask for by name.
    private static final Set<String> ASKED_FOR_ONLY = Set.of("chat_member", "message_reaction",
            "message_reaction_count");
    private static final Set<String> DEFAULT_TYPES = BotApiSpec.get().updateTypes().stream()
            .filter(type -> !ASKED_FOR_ONLY.contains(type)).collect(Collectors.toUnmodifiableSet());

    private final UpdateQueue queue;
    private final WebhookSender webhook;
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile Set<String> allowedUpdates = DEFAULT_TYPES;

    UpdateMethods(UpdateQueue queue, WebhookSender webhook) {
        this.queue = queue;
        this.webhook = webhook;
    }

    Map<String, BotMethod> methods() {
        Map<String, BotMethod> methods = new LinkedHashMap<>();
        methods.put("getUpdates", this::getUpdates);
        methods.put("setWebhook", this::setWebhook);
        methods.put("deleteWebhook", this::deleteWebhook);
        methods.put("getWebhookInfo", params -> webhookInfo());
        return methods;
    }

    private JsonNode getUpdates(Params params) throws InterruptedException {
        if (webhook.registration().isPresent()) {
            throw BotApiErrorAnswer.conflict("can't use getUpdates method while webhook is active; use deleteWebhook "
                    + "to delete the webhook first");
        }
        Long offset = params.optionalLong("offset");
        Long limit = params.optionalLong("limit");
        int boundedLimit = limit == null ? 100 : (int) Math.max(1, Math.min(100, limit));
        Long timeout = params.optionalLong("timeout");
        long timeoutMillis = TimeUnit.SECONDS.toMillis(timeout == null ? 0 : Math.max(0, timeout));
        rememberAllowedUpdates(params);
        if (!polling.compareAndSet(false, true)) {
            throw BotApiErrorAnswer.conflict("terminated by other getUpdates request; make sure that only one bot "
                    + "instance is running");
        }
        try {
            List<ObjectNode> updates = queue.poll(offset, boundedLimit, timeoutMillis, allowedUpdates);
            ArrayNode result = Mapper.get().createArrayNode();
            result.addAll(updates);
            return result;
        } finally {
            polling.set(false);
        }
    }

    /**
     * Like Telegram, the setting sticks until a later call changes it; an empty list means the default types. The
     * names were checked against the spec's Update before the method ran.
     */
    private void rememberAllowedUpdates(Params params) {
        JsonNode allowed = params.json("allowed_updates", "can't parse allowed_updates JSON array");
        if (allowed == null) {
            return;
        }
        if (!allowed.isArray()) {
            throw BotApiErrorAnswer.badRequest("can't parse allowed_updates JSON array");
        }
        Set<String> types = new HashSet<>();
        allowed.forEach(type -> types.add(type.asText()));
        allowedUpdates = types.isEmpty() ? DEFAULT_TYPES : Set.copyOf(types);
    }

    /**
     * Checks the webhook by Telegram's rules, then delivers to it (an empty URL removes it, as Telegram's does).
     * {@code allowed_updates} is shared with getUpdates: whichever call set it last decides.
     */
    private JsonNode setWebhook(Params params) {
        String url = params.string("url");
        if (url == null || url.isBlank()) {
            return deleteWebhook(params);
        }
        Set<String> before = allowedUpdates;
        rememberAllowedUpdates(params);
        WebhookRegistration registration;
        try {
            registration = WebhookRegistration.of(url.trim(), params.string("secret_token"),
                    params.optionalLong("max_connections"), allowedUpdates, webhook.settings());
        } catch (IllegalArgumentException e) {
            allowedUpdates = before; // a refused call changes nothing
            throw BotApiErrorAnswer.badRequest(e.getMessage());
        }
        if (params.bool("drop_pending_updates")) {
            queue.clear();
        }
        webhook.register(registration);
        return BooleanNode.TRUE;
    }

    private JsonNode deleteWebhook(Params params) {
        webhook.unregister();
        if (params.bool("drop_pending_updates")) {
            queue.clear();
        }
        return BooleanNode.TRUE;
    }

    private JsonNode webhookInfo() {
        ObjectNode info = Mapper.object();
        Optional<WebhookRegistration> registration = webhook.registration();
        info.put("url", registration.map(r -> r.url().toString()).orElse(""));
        info.put("has_custom_certificate", false);
        info.put("pending_update_count", queue.size());
        webhook.lastErrorDate().ifPresent(date -> info.put("last_error_date", date.getEpochSecond()));
        webhook.lastErrorMessage().ifPresent(message -> info.put("last_error_message", message));
        registration.ifPresent(r -> info.put("max_connections", r.maxConnections()));
        if (registration.isPresent() && !allowedUpdates.equals(DEFAULT_TYPES)) {
            ArrayNode types = info.putArray("allowed_updates");
            allowedUpdates.stream().sorted().forEach(types::add);
        }
        return info;
    }
}
