package io.contactdesk.processor.language;

import java.util.EnumMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot's words in one language, from {@code texts/messages_<code>.properties} (UTF-8, read as such since Java 9).
 * Templates are Telegram HTML written by us; the values filled into their {@code {0}}, {@code {1}} … are escaped by
 * the caller. Plain numbered placeholders rather than {@code MessageFormat}, whose quoting rules would eat every
 * apostrophe of "don't".
 */
public final class Texts {

    static final String BUNDLE = "texts.messages";
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    private static final Map<Language, Texts> ALL = new EnumMap<>(Language.class);

    static {
        for (Language language : Language.values()) {
            ALL.put(language, new Texts(language, bundle(language)));
        }
    }

    private final Language language;
    private final ResourceBundle bundle;

    private Texts(Language language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    public static Texts in(Language language) {
        return ALL.get(language);
    }

    public Language language() {
        return language;
    }

    /** The text under {@code key} with {@code {n}} replaced by {@code values[n]}, as given (already escaped). */
    public String get(String key, Object... values) {
        Matcher placeholders = PLACEHOLDER.matcher(bundle.getString(key));
        StringBuilder text = new StringBuilder();
        while (placeholders.find()) {
            placeholders.appendReplacement(text,
                    Matcher.quoteReplacement(String.valueOf(values[Integer.parseInt(placeholders.group(1))])));
        }
        return placeholders.appendTail(text).toString();
    }

    /** An amount of credits in words: "1 credit", "3 créditos". */
    public String credits(long amount) {
        return get(Math.abs(amount) == 1 ? "credits.one" : "credits.many", amount);
    }

    /**
     * Each language's own file and nothing else: without this control a key missing in Spanish would quietly come from
     * the base bundle or the JVM's default locale, and the bundle test could not see it.
     */
    static ResourceBundle bundle(Language language) {
        return ResourceBundle.getBundle(BUNDLE, language.locale(), ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
