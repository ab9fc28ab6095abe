package io.contactdesk.processor.commands;

import static io.contactdesk.contracts.html.Html.escape;

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
        return texts.credits(amount);
    }

    /** A fixed text, one without values (a button, a short answer): see the bundle for what each key says. */
    String text(String key) {
        return texts.get(key);
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
     * What the bot stores and for how long, as docs/architecture.md describes it (tables kept until deleted; updates
     * and dead letters 7 days on Kafka; drafts 15 minutes; the event log of credits and unlocks 3650 days), and what
     * {@code /forgetme} ({@link ForgetFlow}) deletes. Keep the three in step, in every language.
     */
    String privacy() {
        return texts.get("privacy");
    }

    /** {@code /paysupport}: Telegram's terms require paying bots to say how to get help with a payment. */
    String paySupport() {
        return texts.get("paysupport");
    }

    String terms() {
        return texts.get("terms");
    }

    String adminHelp() {
        return texts.get("admin.help");
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
                    .append(texts.get("ledger." + entry.kind().name().toLowerCase(Locale.ROOT)));
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

    /** A language's button under {@code /language}: its own name, so anyone finds theirs. */
    String languageButton(Language each) {
        return each == language() ? "\u2713 " + each.nativeName() : each.nativeName();
    }

    String languageSet() {
        return texts.get("language.set", language().nativeName());
    }

    /** A pre-checkout's error: plain text, shown by the user's app while it waits to charge. */
    String preCheckoutRefused(String key) {
        return texts.get(key);
    }

    /** {@code /refund} reached the user: {@code balance} in words already. */
    String refundedToUser(long stars, String balance) {
        return texts.get("refund.user", stars, balance);
    }

    String refundedToUser(long stars, String takenBack, String balance) {
        return texts.get("refund.user.taken", stars, takenBack, balance);
    }

    String unlockRefunded(long paid, long balance) {
        return texts.get(paid == 1 ? "unlock.refunded.one" : "unlock.refunded.many", credits(paid), credits(balance));
    }

    // The /submit conversation.

    String submitIntro(boolean publishAtOnce, int titleMin, int titleMax) {
        return texts.get(publishAtOnce ? "submit.intro.admin" : "submit.intro",
                texts.get("submit.step.title", titleMin, titleMax));
    }

    String submitCategoryChosen(String category) {
        return texts.get("submit.step.category.chosen", escape(category));
    }

    String submitStep(String key, int min, int max) {
        return texts.get(key, min, max);
    }

    String submitCheck(String title, String category, String city, String description) {
        return texts.get("submit.check", escape(title), escape(category), escape(city), escape(description),
                OutboxMessage.CONTACT_PLACEHOLDER);
    }

    String submitPublished(String title) {
        return texts.get("submit.published", escape(title));
    }

    String submitSubmitted(String title, long reward) {
        return texts.get("submit.submitted", escape(title), credits(reward));
    }

    String moderationCard(String who, long userId, Listing listing) {
        return texts.get("moderation.card", escape(who), userId, escape(listing.title()), escape(listing.category()),
                escape(listing.city()), escape(listing.description()), OutboxMessage.CONTACT_PLACEHOLDER);
    }

    // Admins' commands, answered on the admin's own task.

    String usageCredits(String command) {
        return texts.get("admin.usage.credits", command);
    }

    String amountRange(long max, String usage) {
        return texts.get("admin.amount.range", max, usage);
    }

    String usageBan(String command) {
        return texts.get("admin.usage.ban", command);
    }

    String refundLooking(String chargeId) {
        return texts.get("refund.looking", escape(chargeId));
    }

    String stats(Object... figures) {
        return texts.get("stats", figures);
    }

    String broadcastTooLong(int max, int length) {
        return texts.get("broadcast.too.long", max, length);
    }

    /** {@code html} is the broadcast as it will go out, escaped already. */
    String broadcastPreview(String html, long audience) {
        return texts.get("broadcast.preview", html, audience);
    }

    String broadcastSendButton(long audience) {
        return texts.get("broadcast.button.send", audience);
    }

    String broadcastQueued(String broadcastId) {
        return texts.get("broadcast.queued", escape(broadcastId));
    }

    String broadcastStopping(String broadcastId) {
        return texts.get("broadcast.stopping", escape(broadcastId));
    }

    // /forgetme.

    String forgetAsk(int unlocks, long balance) {
        return texts.get("forget.ask", unlocks == 1 ? texts.get("forget.unlocks.one")
                : texts.get("forget.unlocks.many", unlocks), credits(balance));
    }

    String forgetDone(long forfeited) {
        return texts.get("forget.done", credits(forfeited));
    }

    private static String name(String firstName) {
        return firstName == null || firstName.isBlank() ? "" : ", " + escape(firstName);
    }
}
