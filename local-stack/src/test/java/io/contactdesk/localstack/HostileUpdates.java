package io.contactdesk.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.json.Json;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What a hostile world sends the bot, in two kinds: what a person can type or tap in a (modified) Telegram client,
 * which Telegram delivers as well-formed updates; and what a misbehaving producer writes straight to
 * {@code tg.updates}, which need not be an update at all. Such a producer either holds the keyring (a bug in a service
 * that shares it, or a forged body that went through the ingress) and seals what it writes, so the processor reads
 * what is inside; or it does not, and writes in the clear, which the processor refuses whatever it says.
 */
final class HostileUpdates {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String SQL = "'; DROP TABLE users; --";
    static final String RTL = "\u202E";
    static final String ZERO_WIDTH = "\u200B\uFEFF";
    static final String EMOJI = "😀";
    /** The first half of an emoji without its second, and a second half alone. */
    static final String HALF_CHARACTERS = "\uD83Dplumber\uDE00";

    /** Names people can give themselves; the sandbox, like Telegram, passes them on as they are. */
    static final List<String> NAMES = List.of(SQL, SCRIPT, "<b>Ada</b> & \"Bob\"", RTL + "evil.exe", "Ada" + ZERO_WIDTH,
            EMOJI + "🧑‍💻 𝔄𝔡𝔞", "Robert'); DELETE FROM credit_ledger; --", "Nul\u0000l &amp; <i>");

    /** Texts of at most 4096 characters (more no client sends, nor the sandbox accepts): each gets one reply. */
    static List<String> texts(long self) {
        return List.of(SCRIPT, SQL, "<b>bold</b><i>", "&amp;&lt;", "<a href=\"javascript:alert(1)\">x</a>",
                RTL + "gnp.exe", ZERO_WIDTH, EMOJI + "🧑‍💻𝔘𝔫𝔦𝔠𝔬𝔡𝔢𠜎", "x".repeat(4096), EMOJI.repeat(2048),
                "/search " + SCRIPT, "/search " + SQL, "/search " + RTL + ZERO_WIDTH + "plumber", "/search " + "x".repeat(4000),
                "/search", "/view " + SQL, "/view ../../etc/passwd", "/view", "/grant " + self + " 1000000", "/ban 42",
                "/stats", "/addlisting", "/broadcast " + SCRIPT, "/", "//", "/START", "/start@evil_bot", "/cancel",
                "/history " + SCRIPT, "/unlocked " + SQL, "/help" + RTL, "/balance\u0000", " ", "/browse");
    }

    /**
     * Callback data a modified client can send on one of the bot's messages (at most 64 bytes, as Telegram allows):
     * buttons that never existed, pages far past the end, another user's submission, junk. Each gets one answer.
     */
    static List<String> forgedCallbacks(String othersSession) {
        return List.of("u:does-not-exist", "v:does-not-exist", "c:99:1", "c:9999:9999", "h:9999", "h:999999",
                "ul:99999", "s:99999", "page:999999", "u:../../etc/passwd", "ma:x", "mr:x", "bc:y:x",
                "sc:" + othersSession + ":0", "sy:" + othersSession, "sn:" + othersSession, SQL, SCRIPT, RTL + "u:p1",
                "u:p1" + ZERO_WIDTH, "x".repeat(64), EMOJI.repeat(16), "€".repeat(21), "noop");
    }

    /** The processor's reason for every record the ingress did not seal. */
    static final String NOT_SEALED = "not sealed: only the ingress may publish updates";

    /** A record no Telegram would deliver, with the part of the reason the processor must give for it (null: any). */
    record Broken(String label, String key, String value, String reason) {

        /** Sealed as the ingress seals, under {@code updateId}: the processor opens it and finds what is wrong inside. */
        Broken sealedWith(SealedUpdates seals, long updateId) {
            return value == null ? new Broken(label + ", a tombstone", key, null, NOT_SEALED)
                    : new Broken(label, key, seals.seal(updateId, value), reason);
        }

        /** Written in the clear: refused before anything in it is read. */
        Broken inTheClear() {
            return new Broken(label + ", in the clear", key, value, NOT_SEALED);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;

    HostileUpdates(Random random) {
        this.random = random;
    }

    /**
     * A broken record from {@code user} (keyed by them, as the poller keys, unless the key is what is broken), sealed
     * with {@code seals}; one in eight is in the clear instead, a well-formed update among them.
     */
    Broken broken(long user, long updateId, SealedUpdates seals) {
        if (random.nextInt(8) == 0) {
            return (random.nextBoolean() ? broken(user, updateId)
                    : new Broken("well-formed", Long.toString(user), write(message(updateId, user, "Ada", "/start")), null))
                    .inTheClear();
        }
        return broken(user, updateId).sealedWith(seals, updateId);
    }

    private Broken broken(long user, long updateId) {
        String key = Long.toString(user);
        ObjectNode update = message(updateId, user, "Ada", pick(List.of("/start", "/balance", "hello")));
        ObjectNode message = (ObjectNode) update.get("message");
        int which = random.nextInt(15);
        switch (which) {
            case 0 -> {
                String json = write(update);
                return new Broken("truncated JSON", key, json.substring(0, 1 + random.nextInt(json.length() - 1)), "not JSON");
            }
            case 1 -> {
                String json = write(update);
                return new Broken("wrong brackets", key, pick(List.of(json.replace('}', ']'), "[" + json.substring(1),
                        json.replaceFirst("\\{", "("))), "not JSON");
            }
            case 2 -> {
                return new Broken("not JSON at all", key, pick(List.of(SQL, SCRIPT, "<xml/>", "\u0000", "{'update_id':1}",
                        "{update_id:1}", "NaN", "[".repeat(5000))), "not JSON");
            }
            case 3 -> {
                return new Broken("JSON, but no object", key, pick(List.of("null", "[]", "[1,2,3]", "42", "true", "\"update\"",
                        "[" + write(update) + "]")), "not a JSON object");
            }
            case 4 -> {
                return new Broken("empty", key, pick(Arrays.asList("", " ", "\n\t\r\n", null)), "empty update");
            }
            case 5 -> {
                String field = pick(List.of("update_id", "message_id"));
                (field.equals("update_id") ? update : message).remove(field);
                return new Broken("missing " + field, key, write(update), field + " is missing or not an integer");
            }
            case 6 -> {
                String field = pick(List.of("from", "chat"));
                message.remove(field);
                return new Broken("missing " + field, key, write(update), field + " is missing or not an object");
            }
            case 7 -> {
                // An edit, a channel post or a poll is Telegram's normal traffic (ignored, never dead-lettered): an
                // update with nothing in it is not.
                update.remove("message");
                return new Broken("nothing but an update_id", key, write(update), "carries nothing besides its update_id");
            }
            case 8 -> {
                update.set("update_id", pick(List.of(NODES.textNode("123"), NODES.numberNode(1.5), NODES.booleanNode(true),
                        NODES.numberNode(new BigInteger("99999999999999999999")), NODES.nullNode())));
                return new Broken("wrong type of update_id: " + update.get("update_id"), key, write(update),
                        "update_id is missing or not an integer");
            }
            case 9 -> {
                ((ObjectNode) message.get(pick(List.of("from", "chat")))).set("id", pick(List.of(NODES.textNode(key),
                        NODES.numberNode(user + 0.5), NODES.objectNode())));
                return new Broken("wrong type of an id", key, write(update), "id is missing or not an integer");
            }
            case 10 -> {
                message.set("text", pick(List.of(NODES.numberNode(7), NODES.arrayNode().add("/start"), NODES.objectNode())));
                return new Broken("wrong type of text", key, write(update), "message.text is not a string");
            }
            case 11 -> {
                // 100 KB: a text no Telegram client can send
                message.put("text", (SCRIPT + SQL + RTL + ZERO_WIDTH + EMOJI + "A").repeat(100_000 / 60));
                return new Broken("100 KB text", key, write(update), "longer than 4096 characters");
            }
            case 12 -> {
                return new Broken("callback data over 64 bytes", key,
                        write(callback(updateId, user, 1, pick(List.of("u:" + "a".repeat(63), EMOJI.repeat(17), "€".repeat(22))))),
                        "longer than 64 bytes");
            }
            case 13 -> {
                return new Broken("keyed by someone else", pick(Arrays.asList(Long.toString(user + 1), "abc", "",
                        " " + user, "0" + user, null)), write(update), "is not the sender's user id");
            }
            default -> {
                if (random.nextBoolean()) {
                    ((ObjectNode) message.get("from")).put("is_bot", true);
                    return new Broken("from a bot", key, write(update), "is a bot");
                }
                // A group's updates are keyed by the group (one task owns it): keyed by the sender, it is forged.
                ((ObjectNode) message.get("chat")).put("id", -100_123_456_789L).put("type", "supergroup");
                return new Broken("in a group, keyed by the sender", key, write(update), "is not the group's chat id");
            }
        }
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A message update shaped as the poller publishes Telegram's. */
    static ObjectNode message(long updateId, long userId, String firstName, String text) {
        ObjectNode update = NODES.objectNode().put("update_id", updateId);
        ObjectNode message = update.putObject("message");
        message.put("message_id", 1 + updateId % 1_000_000);
        message.set("from", NODES.objectNode().put("id", userId).put("is_bot", false).put("first_name", firstName));
        message.set("chat", NODES.objectNode().put("id", userId).put("type", "private"));
        message.put("date", 1_764_000_000);
        message.put("text", text);
        return update;
    }

    private static ObjectNode callback(long updateId, long userId, long messageId, String data) {
        ObjectNode update = NODES.objectNode().put("update_id", updateId);
        ObjectNode query = update.putObject("callback_query");
        query.put("id", "cb-" + updateId);
        query.set("from", NODES.objectNode().put("id", userId).put("is_bot", false).put("first_name", "Ada"));
        ObjectNode message = query.putObject("message");
        message.put("message_id", messageId);
        message.set("chat", NODES.objectNode().put("id", userId).put("type", "private"));
        message.put("date", 1_764_000_000);
        query.put("chat_instance", "ci");
        query.put("data", data);
        return update;
    }

    static String write(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
