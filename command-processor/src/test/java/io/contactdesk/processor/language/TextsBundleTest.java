package io.contactdesk.processor.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.commands.BotCommandList;
import io.contactdesk.contracts.events.LedgerKind;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every language says everything English says, with the same values filled in. */
class TextsBundleTest {

    private static final ResourceBundle ENGLISH = Texts.bundle(Language.EN);
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>?|&[^;\\s]*;?");
    private static final Pattern TAG = Pattern.compile("<(/?)(b|i|u|s|code|pre)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot);");

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyLanguageHasExactlyTheEnglishKeys(Language language) {
        assertThat(new TreeSet<>(Texts.bundle(language).keySet())).isEqualTo(new TreeSet<>(ENGLISH.keySet()));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyTextHasTheEnglishPlaceholders(Language language) {
        ResourceBundle bundle = Texts.bundle(language);
        for (String key : Collections.list(ENGLISH.getKeys())) {
            assertThat(placeholders(bundle.getString(key))).as("%s in %s", key, language)
                    .isEqualTo(placeholders(ENGLISH.getString(key)));
        }
    }

    /**
     * Telegram refuses a whole message whose HTML it cannot parse: every text, in every language, uses only the tags
     * Telegram knows, each closed in order, and no bare {@code <} or {@code &} (a value's are escaped by the caller).
     */
    @ParameterizedTest
    @EnumSource(Language.class)
    void everyTextIsTelegramHtmlThatParses(Language language) {
        ResourceBundle bundle = Texts.bundle(language);
        for (String key : Collections.list(bundle.getKeys())) {
            assertThat(htmlProblem(bundle.getString(key))).as("%s in %s", key, language).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyKindOfLedgerEntryHasAWordInEveryLanguage(Language language) {
        for (LedgerKind kind : LedgerKind.values()) {
            assertThat(Texts.bundle(language).containsKey("ledger." + kind.name().toLowerCase(Locale.ROOT)))
                    .as("%s in %s", kind, language).isTrue();
        }
    }

    @Test
    void valuesAreFilledInAsGivenWhateverTheyContain() {
        assertThat(Texts.in(Language.ES).get("balance", "$1 \\0 {0}")).isEqualTo("Tu saldo: <b>$1 \\0 {0}</b>.");
    }

    @Test
    void aRegionalVariantGetsItsLanguageAndAnUnknownOneEnglish() {
        assertThat(Language.forUser(null, "es-MX")).isEqualTo(Language.ES);
        assertThat(Language.forUser(null, "de")).isEqualTo(Language.EN);
        assertThat(Language.forUser(null, null)).isEqualTo(Language.EN);
    }

    @Test
    void theUsersChoiceWinsOverTheirClientsLanguage() {
        assertThat(Language.forUser("en", "es")).isEqualTo(Language.EN);
        assertThat(Language.forUser("es", "en-US")).isEqualTo(Language.ES);
    }

    @Test
    void telegramsMenuIsTranslatedIntoExactlyTheLanguagesTheBotSpeaks() {
        assertThat(Arrays.stream(Language.values()).filter(language -> language != Language.FALLBACK).map(Language::code))
                .containsExactlyInAnyOrderElementsOf(BotCommandList.TRANSLATED_LANGUAGES);
    }

    /** The first reason Telegram would refuse {@code html}, or null. */
    private static String htmlProblem(String html) {
        Deque<String> open = new ArrayDeque<>();
        Matcher markup = MARKUP.matcher(html);
        while (markup.find()) {
            String token = markup.group();
            if (token.startsWith("&")) {
                if (!ENTITY.matcher(token).matches()) {
                    return "a bare & at " + markup.start();
                }
                continue;
            }
            Matcher tag = TAG.matcher(token);
            if (!tag.matches()) {
                return "not a tag Telegram knows: " + token;
            }
            if (tag.group(1).isEmpty()) {
                open.push(tag.group(2));
            } else if (!tag.group(2).equals(open.poll())) {
                return "closes " + token + " out of order";
            }
        }
        return open.isEmpty() ? null : "left open: " + open;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = Texts.PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
