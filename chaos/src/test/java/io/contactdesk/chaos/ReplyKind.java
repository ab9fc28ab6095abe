package io.contactdesk.chaos;

/**
 * What a bot message answers, read from its text: the matcher pairs each command with a message of its kind, so that
 * a lost reply and a duplicate in the same chat are two findings, not a balance of zero.
 */
enum ReplyKind {
    START, BALANCE, BROWSE, NOT_ENOUGH_CREDITS, GIFT, GRANTED, REVOKED, OTHER;

    /** @param edits how often the bot edited it: only the /browse messages that a user tapped are ever edited */
    static ReplyKind of(String text, int edits) {
        if (edits > 0 || text.contains("choose a category")) {
            return BROWSE;
        }
        if (text.startsWith("Welcome")) {
            return START;
        }
        if (text.contains("Your balance")) {
            return BALANCE;
        }
        if (text.startsWith("You need")) {
            return NOT_ENOUGH_CREDITS;
        }
        if (text.startsWith("🎁")) {
            return GIFT;
        }
        if (text.startsWith("Granted")) {
            return GRANTED;
        }
        if (text.startsWith("Revoked")) {
            return REVOKED;
        }
        return OTHER;
    }
}
