package io.contactdesk.sandbox.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text fields of a {@code multipart/form-data} body, which Telegram accepts for every method and clients use for
 * those that may carry a file (telegrambots sends {@code setWebhook} so, for its optional certificate). A file part is
 * read as text too: the sandbox stores no files.
 */
final class MultipartForm {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

    private MultipartForm() {
    }

    /** The boundary of a multipart/form-data content type; empty for any other type. */
    static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        Matcher matcher = BOUNDARY.matcher(contentType);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static Map<String, String> fields(String body, String boundary) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : body.split("--" + Pattern.quote(boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue; // the preamble, or the closing "--"
            }
            Matcher name = NAME.matcher(part.substring(0, headersEnd));
            if (!name.find()) {
                continue;
            }
            String value = part.substring(headersEnd + 4);
            fields.put(name.group(1), value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
        }
        return fields;
    }
}
