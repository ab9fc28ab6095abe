package io.contactdesk.processor.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.commands.BotCommandList;
import java.util.Arrays;
import java.util.Collections;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every language says everything English says, with the same values filled in. */
class TextsBundleTest {

    private static final ResourceBundle ENGLISH = Texts.bundle(Language.EN);

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

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = Texts.PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
