package io.contactdesk.processor.credits;

import java.util.Locale;

/** How the bot writes an amount of credits: "1 credit", "3 credits". */
public final class Credits {

    private Credits() {
    }

    public static String format(long amount) {
        return String.format(Locale.ROOT, "%d %s", amount, Math.abs(amount) == 1 ? "credit" : "credits");
    }
}
