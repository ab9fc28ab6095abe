package io.contactdesk.processor.commands;

import io.contactdesk.processor.language.Language;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an inline button asks for. Callback data comes from the user's client and is never trusted: anything that is
 * not exactly one of these shapes is {@link Optional#empty()}, and every referenced thing is checked again.
 */
public sealed interface CallbackAction {

    record ShowCategories() implements CallbackAction {
    }

    record CategoryPage(int category, int page) implements CallbackAction {
    }

    record SearchPage(int page) implements CallbackAction {
    }

    record View(String listingId) implements CallbackAction {
    }

    record Unlock(String listingId) implements CallbackAction {
    }

    record UnlockedPage(int page) implements CallbackAction {
    }

    record HistoryPage(int page) implements CallbackAction {
    }

    record SubmitCategory(String sessionId, int category) implements CallbackAction {
    }

    record SubmitConfirm(String sessionId, boolean confirmed) implements CallbackAction {
    }

    record Moderate(String listingId, boolean approve) implements CallbackAction {
    }

    record BroadcastConfirm(String broadcastId, boolean confirmed) implements CallbackAction {
    }

    /** A pack of {@code /buy}, named by {@link io.contactdesk.processor.payments.CreditPack#id()}. */
    record Buy(String packId) implements CallbackAction {
    }

    /** A language of {@code /language}, by its code. */
    record ChooseLanguage(String code) implements CallbackAction {
    }

    record Nothing() implements CallbackAction {
    }

    /** {@code /forgetme}'s answer; {@code ledgerEntries} is the account's count when asked, so an old button expires. */
    record Forget(boolean confirmed, long ledgerEntries) implements CallbackAction {
    }

    String ID = "[A-Za-z0-9_-]{1,40}";
    String NUMBER = "\\d{1,4}";

    Pattern CATEGORY_PAGE = Pattern.compile("c:(" + NUMBER + "):(" + NUMBER + ")");
    Pattern SEARCH_PAGE = Pattern.compile("s:(" + NUMBER + ")");
    Pattern VIEW = Pattern.compile("v:(" + ID + ")");
    Pattern UNLOCK = Pattern.compile("u:(" + ID + ")");
    Pattern UNLOCKED_PAGE = Pattern.compile("ul:(" + NUMBER + ")");
    Pattern HISTORY_PAGE = Pattern.compile("h:(" + NUMBER + ")");
    Pattern SUBMIT_CATEGORY = Pattern.compile("sc:(" + ID + "):(" + NUMBER + ")");
    Pattern SUBMIT_CONFIRM = Pattern.compile("s([yn]):(" + ID + ")");
    Pattern MODERATE = Pattern.compile("m([ar]):(" + ID + ")");
    Pattern BROADCAST = Pattern.compile("bc:([yn]):(" + ID + ")");
    Pattern BUY = Pattern.compile("buy:(\\d{1,7}x\\d{1,5})");
    Pattern FORGET = Pattern.compile("fg:([yn]):(\\d{1,18})");
    Pattern LANGUAGE = Pattern.compile("lang:([a-z]{2,3})");

    static Optional<CallbackAction> parse(String data) {
        if (data == null) {
            return Optional.empty();
        }
        if (data.equals("b")) {
            return Optional.of(new ShowCategories());
        }
        if (data.equals("noop")) {
            return Optional.of(new Nothing());
        }
        Matcher m;
        if ((m = CATEGORY_PAGE.matcher(data)).matches()) {
            return Optional.of(new CategoryPage(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        if ((m = SEARCH_PAGE.matcher(data)).matches()) {
            return Optional.of(new SearchPage(Integer.parseInt(m.group(1))));
        }
        if ((m = VIEW.matcher(data)).matches()) {
            return Optional.of(new View(m.group(1)));
        }
        if ((m = UNLOCK.matcher(data)).matches()) {
            return Optional.of(new Unlock(m.group(1)));
        }
        if ((m = UNLOCKED_PAGE.matcher(data)).matches()) {
            return Optional.of(new UnlockedPage(Integer.parseInt(m.group(1))));
        }
        if ((m = HISTORY_PAGE.matcher(data)).matches()) {
            return Optional.of(new HistoryPage(Integer.parseInt(m.group(1))));
        }
        if ((m = SUBMIT_CATEGORY.matcher(data)).matches()) {
            return Optional.of(new SubmitCategory(m.group(1), Integer.parseInt(m.group(2))));
        }
        if ((m = SUBMIT_CONFIRM.matcher(data)).matches()) {
            return Optional.of(new SubmitConfirm(m.group(2), m.group(1).equals("y")));
        }
        if ((m = MODERATE.matcher(data)).matches()) {
            return Optional.of(new Moderate(m.group(2), m.group(1).equals("a")));
        }
        if ((m = BROADCAST.matcher(data)).matches()) {
            return Optional.of(new BroadcastConfirm(m.group(2), m.group(1).equals("y")));
        }
        if ((m = BUY.matcher(data)).matches()) {
            return Optional.of(new Buy(m.group(1)));
        }
        if ((m = LANGUAGE.matcher(data)).matches()) {
            return Optional.of(new ChooseLanguage(m.group(1)));
        }
        if ((m = FORGET.matcher(data)).matches()) {
            return Optional.of(new Forget(m.group(1).equals("y"), Long.parseLong(m.group(2))));
        }
        return Optional.empty();
    }

    static String categoryPage(int category, int page) {
        return "c:" + category + ":" + page;
    }

    static String searchPage(int page) {
        return "s:" + page;
    }

    static String view(String listingId) {
        return "v:" + listingId;
    }

    static String unlock(String listingId) {
        return "u:" + listingId;
    }

    static String unlockedPage(int page) {
        return "ul:" + page;
    }

    static String historyPage(int page) {
        return "h:" + page;
    }

    static String submitCategory(String sessionId, int category) {
        return "sc:" + sessionId + ":" + category;
    }

    static String submitConfirm(String sessionId, boolean confirmed) {
        return "s" + (confirmed ? "y" : "n") + ":" + sessionId;
    }

    static String broadcast(String broadcastId, boolean confirmed) {
        return "bc:" + (confirmed ? "y" : "n") + ":" + broadcastId;
    }

    static String forget(boolean confirmed, long ledgerEntries) {
        return "fg:" + (confirmed ? "y" : "n") + ":" + ledgerEntries;
    }

    static String chooseLanguage(Language language) {
        return "lang:" + language.code();
    }

    static String buy(String packId) {
        return "buy:" + packId;
    }

    static String moderate(String listingId, boolean approve) {
        return "m" + (approve ? "a" : "r") + ":" + listingId;
    }
}
