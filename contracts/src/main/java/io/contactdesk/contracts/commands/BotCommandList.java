package io.contactdesk.contracts.commands;

import java.util.List;
import java.util.stream.Stream;

/**
 * The commands Telegram shows in the bot's menu (setMyCommands): what the processor answers to, described the way
 * its /help does. Admins see their commands too, in their own chats only; everyone else never learns they exist.
 */
public final class BotCommandList {

    /** One menu entry: a command without its slash (1–32 of a-z, 0-9, _) and 1–256 characters describing it. */
    public record Entry(String command, String description) {
    }

    public static final List<Entry> USER = List.of(
            new Entry("browse", "Listings by category"),
            new Entry("search", "Find listings by words"),
            new Entry("unlocked", "Contacts you unlocked"),
            new Entry("balance", "Your credits"),
            new Entry("history", "How your credits changed"),
            new Entry("buy", "Buy credits with Telegram Stars"),
            new Entry("submit", "Add your own listing"),
            new Entry("invite", "Your invitation link: credits for you and friends"),
            new Entry("cancel", "Stop what you are doing"),
            new Entry("paysupport", "Help with a payment"),
            new Entry("terms", "Terms of purchase and use"),
            new Entry("privacy", "What the bot keeps about you"),
            new Entry("language", "Choose your language"),
            new Entry("help", "What this bot does"));

    public static final List<Entry> ADMIN_ONLY = List.of(
            new Entry("addlisting", "Publish a listing at once"),
            new Entry("grant", "Give credits: user_id amount [reason]"),
            new Entry("revoke", "Take credits: user_id amount [reason]"),
            new Entry("ban", "Ban a user: user_id"),
            new Entry("unban", "Lift a ban: user_id"),
            new Entry("stats", "Users, listings, unlocks, credits, stars, referrals"),
            new Entry("refund", "Refund a Stars payment: charge_id"),
            new Entry("broadcast", "Message every user: text"),
            new Entry("health", "Which service instances are up"),
            new Entry("lag", "How far behind the consumers are"));

    private BotCommandList() {
    }

    /** What an admin's menu shows: the users' commands, then the admins'. */
    public static List<Entry> admin() {
        return Stream.concat(USER.stream(), ADMIN_ONLY.stream()).toList();
    }
}
