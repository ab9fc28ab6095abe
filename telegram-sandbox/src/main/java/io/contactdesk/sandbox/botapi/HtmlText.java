package io.contactdesk.sandbox.botapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Telegram's parse_mode=HTML: validates the markup the way Telegram refuses it, and yields the plain
 * text the user reads (whose length is what the 4096 limit counts).
 */
final class HtmlText {

    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "span", "tg-spoiler", "a", "code", "pre", "blockquote");
    // Telegram documents exactly these named entities; everything else must be numeric.
    private static final Map<String, String> NAMED = Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"");

    private final String html;
    private final StringBuilder plain = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();
    private int pos;

    private HtmlText(String html) {
        this.html = html;
    }

    /** @throws BotApiErrorAnswer 400 "can't parse entities: …" on invalid markup */
    static String plain(String html) {
        HtmlText parser = new HtmlText(html);
        parser.parse();
        return parser.plain.toString();
    }

    private void parse() {
        while (pos < html.length()) {
            char c = html.charAt(pos);
            if (c == '<') {
                tag();
            } else if (c == '&') {
                entity();
            } else {
                plain.append(c);
                pos++;
            }
        }
        if (!open.isEmpty()) {
            throw fail("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
    }

    private void tag() {
        int start = pos;
        pos++;
        boolean closing = pos < html.length() && html.charAt(pos) == '/';
        if (closing) {
            pos++;
        }
        String name = readName().toLowerCase(Locale.ROOT);
        if (closing) {
            skipSpaces();
            expect('>', start, "Unclosed end tag");
            closeTag(name, start);
            return;
        }
        if (name.isEmpty() || !TAGS.contains(name)) {
            throw fail("Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(start));
        }
        Map<String, String> attributes = readAttributes(start);
        if (name.equals("span") && !"tg-spoiler".equals(attributes.get("class"))) {
            throw fail("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + byteOffset(start));
        }
        open.push(name);
    }

    private void closeTag(String name, int start) {
        if (open.isEmpty()) {
            throw fail("Unexpected end tag at byte offset " + byteOffset(start));
        }
        String expected = open.pop();
        if (!expected.equals(name)) {
            throw fail("Unmatched end tag at byte offset " + byteOffset(start) + ", expected \"</" + expected
                    + ">\", found \"</" + name + ">\"");
        }
    }

    /** Attribute values may hold '>' inside quotes, hence a scanner rather than indexOf('>'). */
    private Map<String, String> readAttributes(int tagStart) {
        Map<String, String> attributes = new HashMap<>();
        while (true) {
            skipSpaces();
            if (pos >= html.length()) {
                throw fail("Unclosed start tag at byte offset " + byteOffset(tagStart));
            }
            if (html.charAt(pos) == '>') {
                pos++;
                return attributes;
            }
            String attribute = readName().toLowerCase(Locale.ROOT);
            if (attribute.isEmpty()) {
                throw fail("Expected equal sign in declaration of an attribute of the tag at byte offset "
                        + byteOffset(tagStart));
            }
            skipSpaces();
            String value = "";
            if (pos < html.length() && html.charAt(pos) == '=') {
                pos++;
                skipSpaces();
                value = readValue(tagStart);
            }
            attributes.put(attribute, value);
        }
    }

    private String readValue(int tagStart) {
        if (pos >= html.length()) {
            throw fail("Unclosed start tag at byte offset " + byteOffset(tagStart));
        }
        char quote = html.charAt(pos);
        if (quote == '"' || quote == '\'') {
            int end = html.indexOf(quote, pos + 1);
            if (end < 0) {
                throw fail("Unclosed start tag at byte offset " + byteOffset(tagStart));
            }
            String value = html.substring(pos + 1, end);
            pos = end + 1;
            return value;
        }
        int start = pos;
        while (pos < html.length() && !Character.isWhitespace(html.charAt(pos)) && html.charAt(pos) != '>') {
            pos++;
        }
        return html.substring(start, pos);
    }

    private void entity() {
        int start = pos;
        int semicolon = html.indexOf(';', pos);
        // Entities are short; a far-away ';' belongs to the prose, not to this '&'.
        if (semicolon < 0 || semicolon - start > 10) {
            throw fail("Character entity expected at byte offset " + byteOffset(start)
                    + " (escape a literal '&' as &amp;)");
        }
        String body = html.substring(start + 1, semicolon);
        String decoded = decode(body);
        if (decoded == null) {
            throw fail("Unsupported HTML entity \"&" + body + ";\" at byte offset " + byteOffset(start));
        }
        plain.append(decoded);
        pos = semicolon + 1;
    }

    private static String decode(String body) {
        if (body.startsWith("#")) {
            try {
                int codePoint = body.startsWith("#x") || body.startsWith("#X")
                        ? Integer.parseInt(body.substring(2), 16)
                        : Integer.parseInt(body.substring(1));
                return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return NAMED.get(body.toLowerCase(Locale.ROOT));
    }

    private String readName() {
        int start = pos;
        while (pos < html.length()) {
            char c = html.charAt(pos);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                break;
            }
            pos++;
        }
        return html.substring(start, pos);
    }

    private void skipSpaces() {
        while (pos < html.length() && Character.isWhitespace(html.charAt(pos))) {
            pos++;
        }
    }

    private void expect(char c, int tagStart, String problem) {
        if (pos >= html.length() || html.charAt(pos) != c) {
            throw fail(problem + " at byte offset " + byteOffset(tagStart));
        }
        pos++;
    }

    /** Telegram reports positions in UTF-8 bytes. */
    private int byteOffset(int charIndex) {
        return html.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }

    private static BotApiErrorAnswer fail(String detail) {
        return BotApiErrorAnswer.badRequest("can't parse entities: " + detail);
    }
}
