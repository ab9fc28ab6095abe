package io.contactdesk.sandbox.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.sandbox.spec.SpecViolation.Kind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a JSON value against a type expression of the spec, recursively.
 *
 * <p>Two modes, because Telegram reads and writes JSON differently: what Telegram <em>sends</em> (updates, results)
 * has exact JSON types, while what it <em>reads</em> (parameters and the JSON objects inside them) may carry numbers
 * and booleans as strings, since form values are all strings and telegram-bot-api converts them.
 */
final class TypeChecker {

    private static final String ARRAY_OF = "Array of ";

    private final Map<String, SpecType> types;
    private final boolean lenientScalars;
    private final String owner;

    /**
     * @param owner          the method or type name the violations are reported under
     * @param lenientScalars true for request input: "123" is an Integer and "true" a Boolean
     */
    TypeChecker(Map<String, SpecType> types, String owner, boolean lenientScalars) {
        this.types = types;
        this.owner = owner;
        this.lenientScalars = lenientScalars;
    }

    /** @return what is wrong with {@code value} as one of {@code alternatives}; empty when it is fine */
    List<SpecViolation> check(List<String> alternatives, JsonNode value, String path) {
        List<SpecViolation> best = null;
        for (String type : alternatives) {
            List<SpecViolation> problems = new ArrayList<>();
            check(type, value, path, problems);
            if (problems.isEmpty()) {
                return problems;
            }
            if (best == null || problems.size() < best.size()) {
                best = problems;
            }
        }
        if (alternatives.size() > 1 && best != null && best.size() == 1 && best.get(0).parameter().equals(path)) {
            // Not one alternative fits the value itself: name them all rather than the first one tried.
            return List.of(wrongType(path, "must be of type " + String.join(" or ", alternatives)));
        }
        return best == null ? List.of() : best;
    }

    private void check(String type, JsonNode value, String path, List<SpecViolation> out) {
        switch (type) {
            case "Integer" -> scalar(value.isIntegralNumber() || lenientScalars && isIntegerText(value), type, path, out);
            case "Float" -> scalar(value.isNumber() || lenientScalars && isNumberText(value), type, path, out);
            case "Boolean" -> scalar(value.isBoolean() || lenientScalars && isBooleanText(value), type, path, out);
            // Telegram reads a number where it wants a string (ids, callback_query_id) as its decimal text.
            case "String" -> scalar(value.isTextual() || lenientScalars && value.isNumber(), type, path, out);
            // Files are uploaded by multipart (which the sandbox does not emulate) or named by file_id or URL.
            case "InputFile" -> scalar(value.isTextual(), type, path, out);
            default -> {
                if (type.startsWith(ARRAY_OF)) {
                    array(type.substring(ARRAY_OF.length()), value, path, out);
                } else {
                    named(type, value, path, out);
                }
            }
        }
    }

    private void array(String elementType, JsonNode value, String path, List<SpecViolation> out) {
        if (!value.isArray()) {
            out.add(wrongType(path, "must be of type Array"));
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            check(elementType, value.get(i), path + "[" + i + "]", out);
        }
    }

    private void named(String typeName, JsonNode value, String path, List<SpecViolation> out) {
        SpecType type = types.get(typeName);
        if (type == null) {
            throw new IllegalStateException("the spec refers to a type it does not define: " + typeName);
        }
        if (type.isUnion()) {
            out.addAll(union(type, value, path));
            return;
        }
        if (!value.isObject()) {
            out.add(wrongType(path, "must be of type Object (" + typeName + ")"));
            return;
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!type.fields().containsKey(name)) {
                out.add(new SpecViolation(owner, join(path, name), Kind.UNKNOWN_PARAMETER,
                        typeName + " has no field \"" + name + "\""));
            }
        }
        for (SpecField field : type.fields().values()) {
            JsonNode fieldValue = value.get(field.name());
            if (fieldValue == null || fieldValue.isNull()) {
                if (field.required()) {
                    out.add(new SpecViolation(owner, join(path, field.name()), Kind.MISSING_PARAMETER,
                            typeName + " requires field \"" + field.name() + "\""));
                }
                continue;
            }
            out.addAll(check(field.types(), fieldValue, join(path, field.name())));
        }
    }

    /**
     * Picks the subtype by its discriminator (ChatMember by status, MaybeInaccessibleMessage by date == 0, …); subtypes
     * without one (Message) are the fallback, and unions with none at all (InputMessageContent) take whichever fits.
     */
    private List<SpecViolation> union(SpecType union, JsonNode value, String path) {
        List<String> matching = new ArrayList<>();
        List<String> undiscriminated = new ArrayList<>();
        for (String subtype : union.subtypes()) {
            SpecType sub = types.get(subtype);
            if (sub == null || sub.discriminator() == null) {
                undiscriminated.add(subtype);
            } else if (value.isObject() && discriminates(sub.discriminator(), value)) {
                matching.add(subtype);
            }
        }
        List<String> candidates = matching.isEmpty() ? undiscriminated : matching;
        if (candidates.isEmpty()) {
            return List.of(new SpecViolation(owner, path, Kind.WRONG_TYPE,
                    "is none of " + union.name() + "'s subtypes " + union.subtypes()));
        }
        return check(candidates, value, path);
    }

    private static boolean discriminates(SpecType.Discriminator discriminator, JsonNode value) {
        JsonNode field = value.get(discriminator.field());
        return field != null && field.isValueNode() && field.asText().equals(discriminator.value());
    }

    private void scalar(boolean fits, String type, String path, List<SpecViolation> out) {
        if (!fits) {
            out.add(wrongType(path, "must be of type " + type));
        }
    }

    private SpecViolation wrongType(String path, String problem) {
        return new SpecViolation(owner, path, Kind.WRONG_TYPE, problem);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static boolean isIntegerText(JsonNode value) {
        return value.isTextual() && value.asText().strip().matches("[+-]?\\d{1,19}");
    }

    private static boolean isNumberText(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        try {
            Double.parseDouble(value.asText().strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // telegram-bot-api reads "true" and "1" as true; anything else would silently be false, which we refuse.
    private static boolean isBooleanText(JsonNode value) {
        return value.isTextual() && value.asText().strip().toLowerCase(Locale.ROOT).matches("true|false|1|0");
    }
}
