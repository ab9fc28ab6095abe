package io.contactdesk.contracts.directory;

import java.util.regex.Pattern;

/**
 * What a listing's fields may hold, wherever a listing is made (a user's /submit, an admin's /addlisting, a CSV
 * import), so that every listing in the directory looks and validates the same.
 */
public final class ListingFields {

    public static final int TITLE_MIN = 3;
    public static final int TITLE_MAX = 80;
    public static final int CITY_MIN = 2;
    public static final int CITY_MAX = 60;
    public static final int DESCRIPTION_MIN = 10;
    public static final int DESCRIPTION_MAX = 1000;

    public static final String CONTACT_KINDS =
            "a phone number (7-15 digits, optional +), an e-mail address or a @handle (5-32 letters, digits or _)";

    /** Digits with the separators people type; the digit count is checked apart, since separators do not count. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern HANDLE = Pattern.compile("@\\w{5,32}");

    private ListingFields() {
    }

    /**
     * Text made safe to keep and show: control and invisible formatting characters and lone surrogates removed (they
     * can hide or reorder what others read, or are no characters at all), runs of spaces collapsed, trimmed; line breaks kept only where a field may span lines.
     */
    public static String clean(String text, boolean multiline) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        // CR LF is one line break, not two.
        text.replace("\r\n", "\n").codePoints().forEach(c -> {
            if (c == '\n' && multiline) {
                clean.append('\n');
            } else if (c == '\n' || c == '\t' || c == '\r') {
                clean.append(' '); // a break between words must not glue them together
            } else if (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                    && Character.getType(c) != Character.SURROGATE) {
                // A lone surrogate (half an emoji, e.g. cut by a length limit) is not text: Telegram shows it as ?.
                clean.appendCodePoint(c);
            }
        });
        return clean.toString().replaceAll("[ ]{2,}", " ").replaceAll(" ?\n ?", "\n").replaceAll("\n{3,}", "\n\n").trim();
    }

    /** Code points, so an emoji or a non-Latin letter counts as the one character a reader sees. */
    public static int length(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    public static boolean isContact(String contact) {
        if (contact == null || contact.isEmpty()) {
            return false;
        }
        if (PHONE.matcher(contact).matches()) {
            long digits = contact.chars().filter(Character::isDigit).count();
            return digits >= 7 && digits <= 15;
        }
        return (contact.length() <= 254 && EMAIL.matcher(contact).matches()) || HANDLE.matcher(contact).matches();
    }
}
