package io.contactdesk.processor.commands;

import static io.contactdesk.processor.commands.Keyboards.button;

import io.contactdesk.contracts.events.InlineButton;
import io.contactdesk.contracts.events.InlineKeyboard;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.directory.Page;
import io.contactdesk.processor.history.LedgerHistory;
import io.contactdesk.processor.updates.IncomingUpdate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Browsing, searching, viewing and unlocking listings, and the user's own lists. A screen reached by a button edits
 * the message that carried the button; a command sends a new one.
 */
final class DirectoryFlows {

    private static final Logger log = LoggerFactory.getLogger(DirectoryFlows.class);

    private final BotRules rules;

    DirectoryFlows(BotRules rules) {
        this.rules = rules;
    }

    /** Where a screen goes: a new message (for commands) or the tapped message, edited in place. */
    record Screen(Conversation conversation, IncomingUpdate update) {
        Replies replies() {
            return conversation.texts();
        }

        void show(String html, InlineKeyboard keyboard) {
            if (update.isCallback()) {
                conversation.edit(update.messageId(), html, keyboard);
                conversation.answerCallback(update.callbackQueryId(), null);
            } else {
                conversation.reply(html, keyboard);
            }
        }

        void refuse(String text) {
            if (update.isCallback()) {
                conversation.answerCallback(update.callbackQueryId(), text);
            } else {
                conversation.reply(text);
            }
        }
    }

    void categories(Screen screen) {
        List<InlineButton> buttons = new ArrayList<>();
        List<String> names = rules.categories().names();
        for (int i = 0; i < names.size(); i++) {
            buttons.add(button(names.get(i), CallbackAction.categoryPage(i, 1)));
        }
        screen.show(screen.replies().categories(), Keyboards.create().rows(buttons, 2).build());
    }

    void category(Screen screen, BotState state, int index, int pageNumber) {
        Optional<String> category = rules.categories().at(index);
        if (category.isEmpty()) {
            screen.refuse(screen.replies().buttonExpired());
            return;
        }
        List<Listing> listings = state.directory().inCategory(category.get());
        if (listings.isEmpty()) {
            screen.show(screen.replies().emptyCategory(category.get()),
                    Keyboards.create().row(button(screen.replies().text("button.categories"), "b")).build());
            return;
        }
        Optional<Page<Listing>> page = Page.of(listings, pageNumber);
        if (page.isEmpty()) {
            screen.refuse(screen.replies().pageGone());
            return;
        }
        Keyboards keyboard = listingButtons(screen.replies(), page.get())
                .pager(screen.replies(), page.get(), n -> CallbackAction.categoryPage(index, n))
                .row(button(screen.replies().text("button.categories"), "b"));
        screen.show(screen.replies().categoryPage(category.get(), page.get().number(), page.get().count()), keyboard.build());
    }

    void search(Screen screen, BotState state, String words, int pageNumber) {
        if (words == null || words.isBlank()) {
            screen.refuse(screen.replies().searchUsage());
            return;
        }
        List<Listing> found = state.directory().search(words);
        if (found.isEmpty()) {
            screen.show(screen.replies().noMatch(words), null);
            return;
        }
        Optional<Page<Listing>> page = Page.of(found, pageNumber);
        if (page.isEmpty()) {
            screen.refuse(screen.replies().pageGone());
            return;
        }
        Keyboards keyboard = listingButtons(screen.replies(), page.get())
                .pager(screen.replies(), page.get(), CallbackAction::searchPage);
        screen.show(screen.replies().searchPage(words, page.get().number(), page.get().count()), keyboard.build());
    }

    void view(Screen screen, BotState state, String listingId) {
        Optional<Listing> listing = state.directory().active(state.directory().current(listingId));
        if (listing.isEmpty()) {
            screen.refuse(screen.replies().listingGone());
            return;
        }
        showListing(screen, listing.get());
    }

    private void showListing(Screen screen, Listing listing) {
        Conversation conversation = screen.conversation();
        boolean unlocked = conversation.account().hasUnlocked(listing.listingId());
        int cost = rules.credits().unlockCost();
        String html = screen.replies().listing(listing, unlocked, cost);
        Keyboards keyboard = Keyboards.create();
        if (!unlocked) {
            keyboard.row(button(screen.replies().unlockButton(cost), CallbackAction.unlock(listing.listingId())));
        }
        int category = rules.categories().indexOf(listing.category());
        if (category >= 0) {
            keyboard.row(button("◀ " + listing.category(), CallbackAction.categoryPage(category, 1)));
        }
        IncomingUpdate update = screen.update();
        if (!unlocked) {
            screen.show(html, keyboard.build());
        } else if (update.isCallback()) {
            conversation.editRevealing(update.messageId(), html, keyboard.build(), listing.sealedContact(), listing.listingId());
        } else {
            conversation.replyRevealing(html, keyboard.build(), listing.sealedContact(), listing.listingId());
        }
    }

    /**
     * Charges once and reveals the contact, provided the envelope is sealed with a key of the ring the notifier opens
     * it with: no charge without a contact to show. Updates of one user are handled one at a time by one task, so two quick
     * taps are two sequential checks of the same balance: it can never go below zero.
     */
    void unlock(Screen screen, BotState state, String tappedId) {
        Conversation conversation = screen.conversation();
        // A button from before a re-key carries the old id: it unlocks (or reveals) the listing under its new one.
        String listingId = state.directory().current(tappedId);
        Optional<Listing> listing = state.directory().active(listingId);
        if (listing.isEmpty()) {
            screen.refuse(screen.replies().listingGone());
            return;
        }
        Account account = conversation.account();
        int cost = rules.credits().unlockCost();
        if (account.hasUnlocked(listingId)) {
            conversation.answerCallback(screen.update().callbackQueryId(), screen.replies().alreadyUnlocked());
            revealWithoutAnswer(screen, listing.get());
            return;
        }
        if (!rules.cipher().holdsKeyOf(listing.get().sealedContact())) {
            // The notifier shares this keyring: it could not open the envelope either, and the credit would be lost.
            log.error("listing {}: contact sealed with key '{}', which is not in CONTACT_ENCRYPTION_KEYS: unlock refused, "
                    + "nothing charged", listingId, listing.get().contactKeyId());
            conversation.answerCallback(screen.update().callbackQueryId(), screen.replies().contactUnavailable());
            return;
        }
        if (account.balance() < cost) {
            conversation.answerCallback(screen.update().callbackQueryId(), screen.replies().text("unlock.short"));
            conversation.reply(screen.replies().notEnoughCredits(account.balance(), cost, rules.credits().listingReward()));
            return;
        }
        LedgerEntry payment = conversation.credit(-cost, LedgerKind.UNLOCK, "unlock " + listingId);
        conversation.update(conversation.account().withUnlocked(listingId));
        conversation.unlocked(listingId, payment, cost);
        conversation.answerCallback(screen.update().callbackQueryId(),
                screen.replies().unlockedNow(cost, conversation.account().balance()));
        revealWithoutAnswer(screen, listing.get());
    }

    private void revealWithoutAnswer(Screen screen, Listing listing) {
        Conversation conversation = screen.conversation();
        String html = screen.replies().listing(listing, true, rules.credits().unlockCost());
        int category = rules.categories().indexOf(listing.category());
        InlineKeyboard back = category < 0 ? null
                : Keyboards.create().row(button("◀ " + listing.category(), CallbackAction.categoryPage(category, 1))).build();
        conversation.editRevealing(screen.update().messageId(), html, back, listing.sealedContact(), listing.listingId());
    }

    void unlocked(Screen screen, BotState state, int pageNumber) {
        List<String> ids = new ArrayList<>(screen.conversation().account().unlocked());
        Collections.reverse(ids);
        List<Listing> listings = ids.stream().map(id -> state.directory().find(id)).flatMap(Optional::stream).toList();
        if (listings.isEmpty()) {
            screen.show(screen.replies().noUnlocks(), null);
            return;
        }
        Optional<Page<Listing>> page = Page.of(listings, pageNumber);
        if (page.isEmpty()) {
            screen.refuse(screen.replies().pageGone());
            return;
        }
        Keyboards keyboard = listingButtons(screen.replies(), page.get())
                .pager(screen.replies(), page.get(), CallbackAction::unlockedPage);
        screen.show(screen.replies().unlockedPage(page.get().number(), page.get().count()), keyboard.build());
    }

    void history(Screen screen, BotState state, int pageNumber) {
        LedgerHistory history = state.history().get(screen.conversation().account().userId());
        List<LedgerEntry> entries = history == null ? List.of() : history.newestFirst();
        if (entries.isEmpty()) {
            screen.show(screen.replies().emptyHistory(), null);
            return;
        }
        Optional<Page<LedgerEntry>> page = Page.of(entries, pageNumber);
        if (page.isEmpty()) {
            screen.refuse(screen.replies().pageGone());
            return;
        }
        List<LedgerEntry> shown = page.get().items().stream().map(entry -> withCurrentIds(entry, state)).toList();
        screen.show(screen.replies().historyPage(shown, page.get().number(), page.get().count()),
                Keyboards.create().pager(screen.replies(), page.get(), CallbackAction::historyPage).build());
    }

    /**
     * The entry with every listing id in its reason ({@code unlock <id>}, {@code refund: contact of <id> …}) under
     * the id the listing lives under now: a re-keyed listing's old id gave its contact away, so it is never shown.
     * Only the entries of one page are looked at, so this costs a few store reads.
     */
    private static LedgerEntry withCurrentIds(LedgerEntry entry, BotState state) {
        if (entry.reason() == null) {
            return entry;
        }
        StringBuilder reason = new StringBuilder();
        for (String token : entry.reason().split("((?<= )|(?= ))")) {
            reason.append(token.isBlank() ? token : state.directory().current(token));
        }
        return reason.toString().equals(entry.reason()) ? entry
                : new LedgerEntry(entry.entryId(), entry.userId(), entry.delta(), entry.balanceAfter(), entry.kind(),
                        reason.toString(), entry.causeId(), entry.recordedAt(), entry.sequence());
    }

    private Keyboards listingButtons(Replies replies, Page<Listing> page) {
        Keyboards keyboard = Keyboards.create();
        for (Listing listing : page.items()) {
            keyboard.row(button(replies.listingButton(listing), CallbackAction.view(listing.listingId())));
        }
        return keyboard;
    }

}
