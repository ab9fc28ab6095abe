package io.contactdesk.contracts.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListingFieldsTest {

    @Test
    void invisibleAndDirectionCharactersAreRemovedSoTheyCannotHideOrReorderText() {
        assertThat(ListingFields.clean("Plumb\u200Ber \u202Eevil\u202C in\u2066 Kyiv\uFEFF", false))
                .isEqualTo("Plumber evil in Kyiv");
    }

    @Test
    void aLoneSurrogateIsDroppedWhileWholeEmojiStay() {
        String halfAnEmoji = "Cafe \uD83D";
        String wholeEmoji = "Cafe \uD83D\uDE00 \uDE00open";

        assertThat(ListingFields.clean(halfAnEmoji, false)).isEqualTo("Cafe");
        assertThat(ListingFields.clean(wholeEmoji, false)).isEqualTo("Cafe \uD83D\uDE00 open");
    }

    @Test
    void lineBreaksSurviveOnlyWhereTheFieldMaySpanLines() {
        assertThat(ListingFields.clean("one\r\ntwo\n\n\n\nthree", true)).isEqualTo("one\ntwo\n\nthree");
        assertThat(ListingFields.clean("one\r\ntwo\tthree", false)).isEqualTo("one two three");
    }

    @Test
    void runsOfSpacesCollapseAndTheEndsAreTrimmed() {
        assertThat(ListingFields.clean("   Dog    walker  ", false)).isEqualTo("Dog walker");
    }

    @Test
    void lengthCountsWhatAReaderSeesAsOneCharacterOnce() {
        assertThat(ListingFields.length("\uD83D\uDE00ab")).isEqualTo(3);
    }

    @Test
    void aContactIsAPhoneNumberAnEmailAddressOrAHandle() {
        assertThat(ListingFields.isContact("+380 (44) 123-45-67")).isTrue();
        assertThat(ListingFields.isContact("anna@example.org")).isTrue();
        assertThat(ListingFields.isContact("@anna_k")).isTrue();

        assertThat(ListingFields.isContact("12345")).isFalse();
        assertThat(ListingFields.isContact("@ann")).isFalse();
        assertThat(ListingFields.isContact("anna@localhost")).isFalse();
        assertThat(ListingFields.isContact("call me maybe")).isFalse();
    }
}
