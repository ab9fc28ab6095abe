package io.contactdesk.sandbox.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.json.Mapper;
import io.contactdesk.sandbox.spec.SpecViolation.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The published Bot API (methods, their parameters, and the types), read once from the classpath: one model that
 * validates the requests the sandbox receives and checks the objects it sends.
 *
 * <p>The description is {@code telegram/bot-api-10.1.json} from the MIT-licensed telegram-bot-api-spec project
 * (licence beside it). Other modules' tests may use {@link #checkObject} to hold their own JSON to the spec.
 */
public final class BotApiSpec {

    private static final String RESOURCE = "/telegram/bot-api-10.1.json";
    // How the spec documents a subtype's constant field: 'always "kicked"', 'must be photo', 'Always 0.'.
    private static final Pattern ALWAYS_QUOTED = Pattern.compile("always \"([^\"]+)\"");
    private static final Pattern MUST_BE = Pattern.compile("must be ([a-z_]+)$");
    private static final Pattern ALWAYS_NUMBER = Pattern.compile("^Always (\\d+)\\.");
    /** The spec's types that are not JSON objects or arrays. */
    public static final Set<String> SCALARS = Set.of("Integer", "Float", "Boolean", "String", "InputFile");

    private static volatile BotApiSpec instance;

    private final String version;
    private final Map<String, SpecType> types;
    // Keyed by the lower-case name: Telegram matches method names case-insensitively.
    private final Map<String, Method> methods;
    private final Set<String> updateTypes;

    private BotApiSpec(JsonNode root) {
        this.version = root.path("version").asText();
        this.types = Collections.unmodifiableMap(readTypes(root.get("types")));
        Map<String, Method> byName = new HashMap<>();
        root.get("methods").forEach(method -> {
            Method read = new Method(method.get("name").asText(), fields(method));
            byName.put(read.name().toLowerCase(Locale.ROOT), read);
        });
        this.methods = Collections.unmodifiableMap(byName);
        Set<String> update = new LinkedHashSet<>(types.get("Update").fields().keySet());
        update.remove("update_id");
        this.updateTypes = Collections.unmodifiableSet(update);
    }

    /** The spec bundled with the sandbox, parsed on first use. */
    public static BotApiSpec get() {
        BotApiSpec spec = instance;
        if (spec == null) {
            synchronized (BotApiSpec.class) {
                spec = instance;
                if (spec == null) {
                    spec = load();
                    instance = spec;
                }
            }
        }
        return spec;
    }

    private static BotApiSpec load() {
        try (InputStream in = BotApiSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new BotApiSpec(Mapper.get().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** e.g. "Bot API 10.1". */
    public String version() {
        return version;
    }

    /** @return the method's documented spelling, for a name in any case; empty if Telegram has no such method */
    public Optional<String> methodName(String anyCase) {
        return Optional.ofNullable(methods.get(anyCase.toLowerCase(Locale.ROOT))).map(Method::name);
    }

    /** @return the method's parameters in the spec's order; empty for an unknown method */
    public List<SpecField> parameters(String method) {
        Method found = methods.get(method.toLowerCase(Locale.ROOT));
        return found == null ? List.of() : List.copyOf(found.parameters().values());
    }

    /** The update types getUpdates' allowed_updates may name: the fields of Update except update_id. */
    public Set<String> updateTypes() {
        return updateTypes;
    }

    /**
     * Checks a Bot API call's parameters as the sandbox received them (JSON body, form or query string merged).
     *
     * <p>A parameter given as an empty string counts as absent, as in telegram-bot-api; objects and arrays may come
     * as JSON values or as JSON-serialized strings; scalars may come as their text.
     *
     * @return every violation, in parameter order; empty when the call is valid or the method is unknown
     */
    public List<SpecViolation> checkRequest(String method, ObjectNode params) {
        Method found = methods.get(method.toLowerCase(Locale.ROOT));
        if (found == null) {
            return List.of();
        }
        TypeChecker checker = new TypeChecker(types, found.name(), true);
        List<SpecViolation> violations = new ArrayList<>();
        params.fieldNames().forEachRemaining(name -> {
            if (!found.parameters().containsKey(name)) {
                violations.add(new SpecViolation(found.name(), name, Kind.UNKNOWN_PARAMETER,
                        found.name() + " has no parameter \"" + name + "\""));
            }
        });
        for (SpecField parameter : found.parameters().values()) {
            JsonNode value = params.get(parameter.name());
            if (value == null || value.isNull() || value.isTextual() && value.asText().isEmpty()) {
                if (parameter.required()) {
                    violations.add(new SpecViolation(found.name(), parameter.name(), Kind.MISSING_PARAMETER,
                            "required parameter is missing or empty"));
                }
                continue;
            }
            checkParameter(checker, found.name(), parameter, value, violations);
        }
        return violations;
    }

    /**
     * Checks an object Telegram would send (an Update, a Message, a method's result) against a type expression such
     * as {@code Update} or {@code Array of Update}: required fields present, no field the spec does not know, exact
     * JSON scalar types, unions resolved by their discriminator.
     *
     * @return every violation, with paths from the top of {@code value}; empty when it conforms
     */
    public List<SpecViolation> checkObject(String typeExpression, JsonNode value) {
        return new TypeChecker(types, typeExpression, false).check(List.of(typeExpression), value, "");
    }

    private void checkParameter(TypeChecker checker, String method, SpecField parameter, JsonNode value,
                                List<SpecViolation> violations) {
        JsonNode parsed = value;
        boolean acceptsText = parameter.types().stream().anyMatch(SCALARS::contains);
        if (value.isTextual() && !acceptsText) {
            // A form (or a client that pre-serializes) sends objects and arrays as JSON text, as the spec allows.
            try {
                parsed = Mapper.get().readTree(value.asText());
            } catch (JsonProcessingException e) {
                violations.add(new SpecViolation(method, parameter.name(), Kind.WRONG_TYPE,
                        "is not JSON-serialized " + String.join(" or ", parameter.types())));
                return;
            }
        }
        List<SpecViolation> problems = checker.check(parameter.types(), parsed, parameter.name());
        violations.addAll(problems);
        if (problems.isEmpty() && parameter.name().equals("allowed_updates")) {
            // The spec's "update types" are Update's fields; a name outside them is a typo that would filter silently.
            for (JsonNode type : parsed) {
                if (!updateTypes.contains(type.asText())) {
                    violations.add(new SpecViolation(method, parameter.name(), Kind.WRONG_VALUE,
                            "unknown update type \"" + type.asText() + "\""));
                }
            }
        }
    }

    private static Map<String, SpecType> readTypes(JsonNode types) {
        Map<String, SpecType> read = new HashMap<>();
        types.forEach(type -> {
            List<String> subtypes = new ArrayList<>();
            type.path("subtypes").forEach(subtype -> subtypes.add(subtype.asText()));
            Map<String, SpecField> fields = fields(type);
            read.put(type.get("name").asText(), new SpecType(type.get("name").asText(), fields, List.copyOf(subtypes),
                    type.has("subtype_of") ? discriminator(type) : null));
        });
        return read;
    }

    private static SpecType.Discriminator discriminator(JsonNode type) {
        for (JsonNode field : type.path("fields")) {
            String description = field.path("description").asText();
            for (Pattern pattern : List.of(ALWAYS_QUOTED, MUST_BE, ALWAYS_NUMBER)) {
                Matcher matcher = pattern.matcher(description);
                if (matcher.find()) {
                    return new SpecType.Discriminator(field.get("name").asText(), matcher.group(1));
                }
            }
        }
        return null;
    }

    private static Map<String, SpecField> fields(JsonNode owner) {
        Map<String, SpecField> fields = new LinkedHashMap<>();
        owner.path("fields").forEach(field -> {
            List<String> alternatives = new ArrayList<>();
            field.get("types").forEach(type -> alternatives.add(type.asText()));
            fields.put(field.get("name").asText(), new SpecField(field.get("name").asText(), List.copyOf(alternatives),
                    field.path("required").asBoolean()));
        });
        return Collections.unmodifiableMap(fields);
    }

    private record Method(String name, Map<String, SpecField> parameters) {
    }
}
