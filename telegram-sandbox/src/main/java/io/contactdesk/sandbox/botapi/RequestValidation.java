package io.contactdesk.sandbox.botapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.spec.BotApiSpec;
import io.contactdesk.sandbox.spec.SpecViolation;
import io.contactdesk.sandbox.spec.SpecViolationLog;
import java.util.List;
import java.util.Map;

/**
 * Holds every Bot API call to the published spec before the method runs, records what breaks it, and answers the
 * first violation with Telegram's wording for it.
 *
 * <p>Stricter than Telegram on purpose: Telegram ignores unknown parameters and reads a malformed number as 0, but
 * the only clients of the sandbox are our own services and tests, where either is always our bug.
 */
final class RequestValidation {

    // telegram-bot-api has its own words for a few missing parameters; the rest get its generic one.
    private static final Map<String, String> MISSING = Map.of(
            "chat_id", "chat_id is empty",
            "text", "message text is empty",
            "message_id", "message identifier is not specified");
    private static final Map<String, String> UNPARSABLE = Map.of(
            "reply_markup", "reply keyboard markup JSON object");

    private final BotApiSpec spec;
    private final SpecViolationLog log;

    RequestValidation(BotApiSpec spec, SpecViolationLog log) {
        this.spec = spec;
        this.log = log;
    }

    /** @throws BotApiErrorAnswer 400 for the first violation, after recording them all */
    void check(String method, ObjectNode params) {
        List<SpecViolation> violations = spec.checkRequest(method, withoutMethodName(method, params));
        violations.forEach(log::record);
        if (!violations.isEmpty()) {
            throw answer(violations.get(0));
        }
    }

    /**
     * A method Telegram has but the sandbox does not emulate answers 404 like an unknown one, as it always has; it is
     * recorded so that a test asserting no violations notices a service relying on it.
     */
    BotApiErrorAnswer unavailable(String requested) {
        SpecViolation violation = spec.methodName(requested)
                .map(name -> new SpecViolation(name, "", SpecViolation.Kind.UNSUPPORTED_METHOD,
                        "Telegram has this method but the sandbox does not emulate it"))
                .orElseGet(() -> new SpecViolation(requested, "", SpecViolation.Kind.UNKNOWN_METHOD,
                        "Telegram has no such method"));
        log.record(violation);
        return BotApiErrorAnswer.notFound();
    }

    /**
     * telegrambots puts the method's own name in every JSON body: the "method" field of the Bot API's documented way
     * to answer a webhook with a method call. Telegram accepts it, so naming the called method is not an unknown
     * parameter.
     */
    private static ObjectNode withoutMethodName(String method, ObjectNode params) {
        if (!params.has("method") || !params.get("method").asText().equalsIgnoreCase(method)) {
            return params;
        }
        ObjectNode copy = params.deepCopy();
        copy.remove("method");
        return copy;
    }

    BotApiErrorAnswer answer(SpecViolation violation) {
        String parameter = violation.topParameter();
        if (!parameter.equals(violation.parameter())) {
            // Inside a JSON object: Telegram names the object it could not parse, then the detail.
            String detail = violation.parameter().substring(parameter.length()).replaceFirst("^\\.", "");
            return BotApiErrorAnswer.badRequest("can't parse " + jsonObject(parameter) + ": " + detail + " "
                    + violation.problem());
        }
        return BotApiErrorAnswer.badRequest(switch (violation.kind()) {
            case UNKNOWN_PARAMETER -> "unknown parameter " + parameter;
            case MISSING_PARAMETER -> MISSING.getOrDefault(parameter, "parameter \"" + parameter + "\" is required");
            case WRONG_TYPE -> isScalar(violation.method(), parameter) ? "invalid " + parameter + " specified"
                    : "can't parse " + jsonObject(parameter);
            case WRONG_VALUE -> parameter + " has " + violation.problem();
            case UNKNOWN_METHOD, UNSUPPORTED_METHOD -> throw new IllegalArgumentException("not about a parameter: "
                    + violation);
        });
    }

    private boolean isScalar(String method, String parameter) {
        return spec.parameters(method).stream().filter(field -> field.name().equals(parameter))
                .anyMatch(field -> BotApiSpec.SCALARS.containsAll(field.types()));
    }

    private static String jsonObject(String parameter) {
        return UNPARSABLE.getOrDefault(parameter, parameter + " JSON object");
    }
}
