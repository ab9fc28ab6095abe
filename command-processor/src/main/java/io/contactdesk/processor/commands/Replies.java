package io.contactdesk.processor.commands;

import io.contactdesk.contracts.html.Html;
import io.contactdesk.processor.credits.Credits;

/** What the bot says, in Telegram HTML; every fragment a user typed goes through {@link Html#escape}. */
final class Replies {

    String welcome(String firstName, long balance) {
        return "Welcome" + name(firstName) + "! You have <b>" + Credits.format(balance) + "</b> to unlock contacts.\n\n"
                + commands();
    }

    String welcomeBack(String firstName, long balance) {
        return "Welcome back" + name(firstName) + "! You have <b>" + Credits.format(balance) + "</b>.\n\n" + commands();
    }

    String help() {
        return "<b>contactdesk</b> is a directory of contacts that you unlock with credits.\n\n" + commands();
    }

    String balance(long balance) {
        return "Your balance: <b>" + Credits.format(balance) + "</b>.";
    }

    String hint() {
        return "I understand commands. Try /help to see what I can do.";
    }

    String unknownCommand() {
        return "I don't know that command. " + "Try /help to see what I can do.";
    }

    String buttonExpired() {
        return "This button is no longer active.";
    }

    private static String commands() {
        return "/balance — your credits\n/help — what I can do";
    }

    private static String name(String firstName) {
        return firstName == null || firstName.isBlank() ? "" : ", " + Html.escape(firstName);
    }
}
