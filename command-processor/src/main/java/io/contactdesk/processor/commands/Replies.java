package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.processor.credits.Credits;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static io.contactdesk.contracts.html.Html.escape;

/** What the bot says, in Telegram HTML; every fragment a user typed goes through {@code Html.escape}. */
final class Replies {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    static final String MAIN_COMMANDS = """
            /browse — listings by category
            /search <i>words</i> — find listings
            /unlocked — contacts you unlocked
            /balance — your credits · /history — how they changed
            /buy — buy credits with Telegram Stars · /paysupport · /terms
            /submit — add your own listing (earns credits when approved)
            /invite — your invitation link: credits for you and each friend who joins
            /privacy — what the bot keeps about you
            /help — this help""";

    String welcome(String firstName, long balance) {
        return "Welcome" + name(firstName) + "! You have <b>" + Credits.format(balance) + "</b> to unlock contacts.\n\n"
                + MAIN_COMMANDS;
    }

    String welcomeBack(String firstName, long balance) {
        return "Welcome back" + name(firstName) + "! You have <b>" + Credits.format(balance) + "</b>.\n\n" + MAIN_COMMANDS;
    }

    String help() {
        return "<b>contactdesk</b> is a directory of contacts that you unlock with credits.\n\n" + MAIN_COMMANDS;
    }

    /**
     * What the bot stores and for how long, as docs/architecture.md describes it (tables kept until deleted; updates
     * and dead letters 7 days on Kafka; drafts 15 minutes; the event log of credits and unlocks 3650 days), and what
     * {@code /forgetme} ({@link ForgetFlow}) deletes. Keep the three in step.
     */
    String privacy() {
        return """
                <b>What this bot keeps about you</b>

                <b>Your profile</b>: your Telegram user id, first name, username and language, when you started, and \
                whether you blocked the bot — to greet you, and to stop writing to you when you block it. Kept until \
                you delete it with /forgetme.
                <b>Your credits</b>: every change to your balance (when, how much, why) and what admins did about \
                your account (credits given or taken, bans). Kept for as long as the bot runs: it is the record of \
                credits.
                <b>Your unlocks</b>: which contacts you unlocked and when, so that you never pay twice. Kept until you \
                delete them with /forgetme.
                <b>Listings you submit</b>: title, category, city, description and the contact. The admins see them \
                to review them; the contact is stored encrypted and shown only to people who unlock it. Kept until \
                an admin removes the listing: ask one.
                <b>Your messages</b>: read to answer you, passed on encrypted and gone after 7 days. An unfinished \
                /submit draft is dropped after 15 minutes.

                Nothing is sold or used for advertising.

                <b>Deletion</b>: send /forgetme. It says what goes and what stays, and acts only once you confirm. \
                It deletes your profile, your unlocks and an unfinished draft, forfeits your balance and removes \
                the reasons from your credit history; the amounts, dates and balances stay under your user id, as \
                does what admins did about your account. The bot's internal event log, which only its own services \
                read, is not rewritten: the events of your credits and unlocks expire from it after 10 years. If \
                you write again, you start with an empty profile and no credits. Listings you submitted: ask an \
                admin.""";
    }

    String adminHelp() {
        return "\n\n<b>Admin</b>\n/addlisting — publish a listing at once\n/grant <i>user_id amount [reason]</i>\n"
                + "/revoke <i>user_id amount [reason]</i>\n/ban <i>user_id</i> · /unban <i>user_id</i>\n/stats\n"
                + "/broadcast <i>text</i> · /broadcast_cancel\n/health · /lag";
    }

    /** {@code /invite}: the link, what it earns, how many joined with it. */
    String invite(String link, long bonus, long joined) {
        return "<b>Invite your friends</b>\n\nYour link: " + escape(link) + "\n\n"
                + (bonus > 0 ? "Each friend who starts the bot for the first time with it gets <b>"
                + Credits.format(bonus) + "</b>, and so do you.\n" : "")
                + "Joined with your link so far: <b>" + joined + "</b>.";
    }

    String balance(long balance) {
        return "Your balance: <b>" + Credits.format(balance) + "</b>.";
    }

    String unknown() {
        return "I don't know that one. Here is what I can do:\n\n" + MAIN_COMMANDS;
    }

    String buttonExpired() {
        return "This button is no longer active.";
    }

    String categories() {
        return "<b>Browse</b> — choose a category:";
    }

    String categoryPage(String category, int page, int pages) {
        return "<b>" + escape(category) + "</b> — page " + page + "/" + pages + ", newest first:";
    }

    String emptyCategory(String category) {
        return "<b>" + escape(category) + "</b> has no listings yet. Choose another category, or /submit your own.";
    }

    String searchUsage() {
        return "What are you looking for? Send <code>/search</code> followed by words, e.g. <code>/search plumber Berlin</code>.";
    }

    String searchPage(String words, int page, int pages) {
        return "Results for <b>" + escape(words) + "</b> — page " + page + "/" + pages + ":";
    }

    String noMatch(String words) {
        return "Nothing matches <b>" + escape(words) + "</b>. Try other words, or /browse the categories.";
    }

    String listingButton(Listing listing) {
        String text = listing.title() + " · " + listing.city();
        return text.length() > 60 ? io.contactdesk.processor.updates.UserText.truncate(text, 59) + "…" : text;
    }

    String listing(Listing listing, boolean unlocked, int cost) {
        StringBuilder card = new StringBuilder()
                .append("<b>").append(escape(listing.title())).append("</b>\n")
                .append(escape(listing.category())).append(" · ").append(escape(listing.city())).append("\n\n")
                .append(escape(listing.description()));
        if (unlocked) {
            card.append("\n\n📇 Contact: <b>").append(OutboxMessage.CONTACT_PLACEHOLDER).append("</b>");
        } else {
            card.append("\n\nUnlock the contact for ").append(Credits.format(cost)).append(".");
        }
        return card.toString();
    }

    String unlockButton(int cost) {
        return "🔓 Unlock contact — " + Credits.format(cost);
    }

    String listingGone() {
        return "This listing is no longer available.";
    }

    String notEnoughCredits(long balance, int cost, int reward) {
        return "You need <b>" + Credits.format(cost) + "</b> to unlock this contact, and you have <b>"
                + Credits.format(balance) + "</b>.\n\nTo get credits, /submit a listing of your own — each approved "
                + "listing earns " + Credits.format(reward) + " — or ask an admin.";
    }

    String unlockedNow(int cost, long balance) {
        return "Unlocked for " + Credits.format(cost) + ". Balance: " + Credits.format(balance) + ".";
    }

    String contactUnavailable() {
        return "This contact cannot be shown right now, so you were not charged. Please try again later.";
    }

    String alreadyUnlocked() {
        return "You unlocked this contact before — no charge.";
    }

    String noUnlocks() {
        return "You have not unlocked any contact yet. /browse or /search to find one.";
    }

    String unlockedPage(int page, int pages) {
        return "<b>Your unlocked contacts</b> — page " + page + "/" + pages + ":";
    }

    String emptyHistory() {
        return "No credit changes yet.";
    }

    String historyPage(Iterable<LedgerEntry> entries, int page, int pages) {
        StringBuilder text = new StringBuilder("<b>Your credits</b> — page " + page + "/" + pages + ", newest first:\n");
        for (LedgerEntry entry : entries) {
            text.append("\n").append(DAY.format(entry.recordedAt())).append("  <b>")
                    .append(entry.delta() > 0 ? "+" : "").append(entry.delta()).append("</b>  ")
                    .append(entry.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (entry.reason() != null && !entry.reason().isBlank()) {
                text.append(" — ").append(escape(entry.reason()));
            }
            text.append("  (balance ").append(entry.balanceAfter()).append(")");
        }
        return text.toString();
    }

    String pageGone() {
        return "That page no longer exists.";
    }

    String slowDown(long retryAfterSeconds) {
        return "You're going a bit fast. Please slow down and try again in " + retryAfterSeconds + " s.";
    }

    /** After the user unblocked the bot: short, since they know the bot already. */
    String unblocked() {
        return "Welcome back! /browse to find a contact, or /help to see everything I can do.";
    }

    String banned() {
        return "You have been banned from using this bot.";
    }

    private static String name(String firstName) {
        return firstName == null || firstName.isBlank() ? "" : ", " + escape(firstName);
    }
}
