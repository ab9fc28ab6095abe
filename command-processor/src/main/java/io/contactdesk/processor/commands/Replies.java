package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.processor.language.Language;
import io.contactdesk.processor.language.Texts;
import io.contactdesk.processor.updates.UserText;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import static io.contactdesk.contracts.html.Html.escape;

/**
 * What the bot says, in Telegram HTML, in one language ({@link Texts}); every fragment a user typed goes through
 * {@code Html.escape} before it is put into a template.
 */
final class Replies {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Map<Language, Replies> ALL = new EnumMap<>(Language.class);

    static {
        for (Language language : Language.values()) {
            ALL.put(language, new Replies(Texts.in(language)));
        }
    }

    private final Texts texts;

    private Replies(Texts texts) {
        this.texts = texts;
    }

    static Replies in(Language language) {
        return ALL.get(language);
    }

    Language language() {
        return texts.language();
    }

    String mainCommands() {
        return texts.get("main.commands");
    }

    String credits(long amount) {
        return texts.get(Math.abs(amount) == 1 ? "credits.one" : "credits.many", amount);
    }

    String welcome(String firstName, long balance) {
        return texts.get("welcome", name(firstName), credits(balance), mainCommands());
    }

    String welcomeBack(String firstName, long balance) {
        return texts.get("welcome.back", name(firstName), credits(balance), mainCommands());
    }

    String help() {
        return texts.get("help", mainCommands());
    }

    /**
     * In English whatever the language, for now: its wording is kept in step with docs/architecture.md.
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
        return texts.get("invite", escape(link), bonus > 0 ? texts.get("invite.bonus", credits(bonus)) : "", joined);
    }

    String balance(long balance) {
        return texts.get("balance", credits(balance));
    }

    String unknown() {
        return texts.get("unknown", mainCommands());
    }

    String buttonExpired() {
        return texts.get("button.expired");
    }

    String categories() {
        return texts.get("categories");
    }

    String categoryPage(String category, int page, int pages) {
        return texts.get("category.page", escape(category), page, pages);
    }

    String emptyCategory(String category) {
        return texts.get("category.empty", escape(category));
    }

    String searchUsage() {
        return texts.get("search.usage");
    }

    String searchPage(String words, int page, int pages) {
        return texts.get("search.page", escape(words), page, pages);
    }

    String noMatch(String words) {
        return texts.get("search.none", escape(words));
    }

    String listingButton(Listing listing) {
        String text = listing.title() + " · " + listing.city();
        return text.length() > 60 ? UserText.truncate(text, 59) + "…" : text;
    }

    String listing(Listing listing, boolean unlocked, int cost) {
        StringBuilder card = new StringBuilder()
                .append("<b>").append(escape(listing.title())).append("</b>\n")
                .append(escape(listing.category())).append(" · ").append(escape(listing.city())).append("\n\n")
                .append(escape(listing.description())).append("\n\n");
        card.append(unlocked ? texts.get("listing.contact", OutboxMessage.CONTACT_PLACEHOLDER)
                : texts.get("listing.cost", credits(cost)));
        return card.toString();
    }

    String unlockButton(int cost) {
        return texts.get("unlock.button", credits(cost));
    }

    String listingGone() {
        return texts.get("listing.gone");
    }

    String notEnoughCredits(long balance, int cost, int reward) {
        return texts.get("unlock.not.enough", credits(cost), credits(balance), credits(reward));
    }

    String unlockedNow(int cost, long balance) {
        return texts.get("unlock.done", credits(cost), credits(balance));
    }

    String contactUnavailable() {
        return texts.get("unlock.unavailable");
    }

    String alreadyUnlocked() {
        return texts.get("unlock.already");
    }

    String noUnlocks() {
        return texts.get("unlocked.none");
    }

    String unlockedPage(int page, int pages) {
        return texts.get("unlocked.page", page, pages);
    }

    String emptyHistory() {
        return texts.get("history.empty");
    }

    String historyPage(Iterable<LedgerEntry> entries, int page, int pages) {
        StringBuilder text = new StringBuilder(texts.get("history.page", page, pages)).append("\n");
        for (LedgerEntry entry : entries) {
            text.append("\n").append(DAY.format(entry.recordedAt())).append("  <b>")
                    .append(entry.delta() > 0 ? "+" : "").append(entry.delta()).append("</b>  ")
                    .append(entry.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (entry.reason() != null && !entry.reason().isBlank()) {
                text.append(" — ").append(escape(entry.reason()));
            }
            text.append("  ").append(texts.get("history.balance", entry.balanceAfter()));
        }
        return text.toString();
    }

    String pageGone() {
        return texts.get("page.gone");
    }

    String slowDown(long retryAfterSeconds) {
        return texts.get("slow.down", retryAfterSeconds);
    }

    /** After the user unblocked the bot: short, since they know the bot already. */
    String unblocked() {
        return texts.get("unblocked");
    }

    String banned() {
        return texts.get("banned");
    }

    /** A pack's button under {@code /buy}: a callback button's text, never escaped by Telegram, so plain. */
    String packButton(long credits, long stars) {
        return texts.get("buy.pack", credits(credits), stars);
    }

    String buyOffer(long balance) {
        return texts.get("buy.offer", credits(balance));
    }

    /** The invoice's description: Telegram takes 1–255 characters, plain text. */
    String invoiceDescription(long credits) {
        return texts.get("buy.invoice.description", credits(credits));
    }

    String purchased(long credits, long balance) {
        return texts.get("buy.thanks", credits(credits), credits(balance));
    }

    String nothingToCancel() {
        return texts.get("cancel.nothing");
    }

    /** {@code /language} without a choice: the current one and how to pick each language, in its own name. */
    String languageChoice() {
        StringBuilder options = new StringBuilder();
        for (Language each : Language.values()) {
            options.append("\n/language ").append(each.code()).append(" — ").append(each.nativeName());
        }
        return texts.get("language.choose", language().nativeName(), options.toString().substring(1));
    }

    String languageSet() {
        return texts.get("language.set", language().nativeName());
    }

    private static String name(String firstName) {
        return firstName == null || firstName.isBlank() ? "" : ", " + escape(firstName);
    }
}
