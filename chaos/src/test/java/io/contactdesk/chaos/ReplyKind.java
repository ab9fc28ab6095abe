package io.contactdesk.chaos;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a bot message answers, read from its text: the matcher pairs each command with a message of its kind, so that
 * a lost reply and a duplicate in the same chat are two findings, not a balance of zero.
 */
enum ReplyKind {
    START, UNBLOCKED, BALANCE, BROWSE, NOT_ENOUGH_CREDITS, GIFT, GRANTED, REVOKED, OTHER;

    /** The lane of the chat's own commands: replies in the order the commands were sent. */
    static final String OWN = "own";
    /** The lane of the 🎁 notices: in the order of the admin's grants. */
    static final String GIFTS = "gifts";

    private static final Pattern TARGET = Pattern.compile(" (?:to|from) (\\d+)");

    /** The lane an admin's confirmation about {@code userId} travels in. */
    static String accountLane(long userId) {
        return "account " + userId;
    }

    /** The lane of a message with this text: see {@link ReplyMatcher}. */
    static String lane(ReplyKind kind, String text) {
        if (kind == GIFT) {
            return GIFTS;
        }
        if (kind == GRANTED || kind == REVOKED) {
            Matcher target = TARGET.matcher(text);
            return target.find() ? accountLane(Long.parseLong(target.group(1))) : OWN;
        }
        return OWN;
    }

    /** @param edits how often the bot edited it: only the /browse messages that a user tapped are ever edited */
    static ReplyKind of(String text, int edits) {
        if (edits > 0 || text.contains("choose a category")) {
            return BROWSE;
        }
        // The greeting on unblocking ("Welcome back! /browse to find a contact…") answers the my_chat_member update,
        // not a /start ("Welcome back, Ada! You have 3 credits…").
        if (text.startsWith("Welcome back!") && text.contains("/browse to find")) {
            return UNBLOCKED;
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
