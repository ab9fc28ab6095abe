package io.contactdesk.processor.language;

import java.util.Locale;
import java.util.Optional;

/** The languages the bot speaks; English is what everyone gets when their own is not here. */
public enum Language {
    EN("en", "English"),
    ES("es", "Español");

    public static final Language FALLBACK = EN;

    private final String code;
    private final String nativeName;

    Language(String code, String nativeName) {
        this.code = code;
        this.nativeName = nativeName;
    }

    /** The IETF tag's primary subtag, as Telegram's {@code language_code} and {@code setMyCommands} use it. */
    public String code() {
        return code;
    }

    public String nativeName() {
        return nativeName;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /** {@code es}, {@code es-MX} or {@code ES_mx} → Spanish; anything else (or nothing) → empty. */
    public static Optional<Language> of(String languageCode) {
        if (languageCode == null || languageCode.isBlank()) {
            return Optional.empty();
        }
        String primary = languageCode.trim().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.code.equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** The user's choice ({@code /language}) wins over what their Telegram client reports; English otherwise. */
    public static Language forUser(String chosen, String telegramLanguageCode) {
        return of(chosen).or(() -> of(telegramLanguageCode)).orElse(FALLBACK);
    }
}
