package io.contactdesk.tools.importer;

import java.util.regex.Pattern;

/** The contact kinds a listing may carry: a phone number, an e-mail address or a Telegram-style @handle. */
final class ContactFormat {

    /** Digits with the separators people type; the digit count is checked apart, since separators do not count. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()\\-]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern HANDLE = Pattern.compile("@\\w{5,32}");

    static final String EXPECTED =
            "a phone number (7-15 digits, optional +), an e-mail address or a @handle (5-32 letters, digits or _)";

    private ContactFormat() {
    }

    static boolean isValid(String contact) {
        if (PHONE.matcher(contact).matches()) {
            long digits = contact.chars().filter(Character::isDigit).count();
            return digits >= 7 && digits <= 15;
        }
        return (contact.length() <= 254 && EMAIL.matcher(contact).matches()) || HANDLE.matcher(contact).matches();
    }
}
