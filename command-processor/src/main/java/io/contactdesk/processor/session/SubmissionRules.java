package io.contactdesk.processor.session;

import java.util.Optional;
import java.util.regex.Pattern;

/** What a listing's fields must look like. Each check returns the problem to tell the user, or nothing. */
public final class SubmissionRules {

    static final int TITLE_MIN = 3;
    static final int TITLE_MAX = 80;
    static final int CITY_MIN = 2;
    static final int CITY_MAX = 60;
    static final int DESCRIPTION_MIN = 10;
    static final int DESCRIPTION_MAX = 1000;

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{5,24}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}");
    private static final Pattern HANDLE = Pattern.compile("@[A-Za-z][A-Za-z0-9_]{4,31}");

    private SubmissionRules() {
    }

    public static Optional<String> title(String text) {
        return length("The title", text, TITLE_MIN, TITLE_MAX);
    }

    public static Optional<String> city(String text) {
        return length("The city", text, CITY_MIN, CITY_MAX);
    }

    public static Optional<String> description(String text) {
        return length("The description", text, DESCRIPTION_MIN, DESCRIPTION_MAX);
    }

    /** A phone number (7–15 digits), an e-mail address or a Telegram @handle. */
    public static Optional<String> contact(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("Please send a contact: a phone number, an e-mail address or a @handle.");
        }
        String contact = text.trim();
        boolean phone = PHONE.matcher(contact).matches() && digits(contact) >= 7 && digits(contact) <= 15;
        if (phone || EMAIL.matcher(contact).matches() || HANDLE.matcher(contact).matches()) {
            return Optional.empty();
        }
        return Optional.of("That does not look like a phone number, an e-mail address or a @handle. Please try again.");
    }

    private static long digits(String text) {
        return text.chars().filter(Character::isDigit).count();
    }

    private static Optional<String> length(String what, String text, int min, int max) {
        int length = text == null ? 0 : text.codePointCount(0, text.length());
        if (length < min) {
            return Optional.of(what + " needs at least " + min + " characters.");
        }
        if (length > max) {
            return Optional.of(what + " can have at most " + max + " characters (this one has " + length + ").");
        }
        return Optional.empty();
    }
}
