package io.contactdesk.sandbox.spec;

/**
 * A request (or an object) that the published Bot API does not allow.
 *
 * @param method    the Bot API method as the spec spells it, or the type name when an object was checked
 * @param parameter where: a parameter name, or a path into it such as {@code reply_markup.inline_keyboard[0][0].text}
 * @param kind      what is wrong, so that the Bot API can answer with Telegram's wording for it
 * @param problem   the same for a person reading a test failure
 */
public record SpecViolation(String method, String parameter, Kind kind, String problem) {

    public enum Kind {
        /** A method Telegram does not have. */
        UNKNOWN_METHOD,
        /** A method Telegram has that the sandbox does not emulate. */
        UNSUPPORTED_METHOD,
        /** A parameter or field the spec does not know. */
        UNKNOWN_PARAMETER,
        /** A required parameter or field that is absent (or, for a parameter, empty). */
        MISSING_PARAMETER,
        /** A value of the wrong type, or a string that is not the JSON the spec asks for. */
        WRONG_TYPE,
        /** A value of the right type that the spec still rules out, e.g. an unknown update type. */
        WRONG_VALUE
    }

    /** The top-level parameter the violation is in: the path up to its first '.' or '['. */
    public String topParameter() {
        int end = parameter.length();
        for (int i = 0; i < parameter.length(); i++) {
            char c = parameter.charAt(i);
            if (c == '.' || c == '[') {
                end = i;
                break;
            }
        }
        return parameter.substring(0, end);
    }

    @Override
    public String toString() {
        return method + ": " + (parameter.isEmpty() ? "" : parameter + ": ") + problem;
    }
}
