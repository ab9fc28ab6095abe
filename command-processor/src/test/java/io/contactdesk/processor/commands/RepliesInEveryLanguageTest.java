package io.contactdesk.processor.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.directory.ListingFields;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.processor.language.Language;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What holds for the bot's words in English holds in every language: users' text escaped, Telegram's limits kept. */
class RepliesInEveryLanguageTest {

    private static final String HOSTILE = "<b>Ada</b> & \"co\"";
    /** Telegram's limit on a message's text after entities parsing; ours is checked on the HTML, which is longer. */
    private static final int MESSAGE_LIMIT = 4096;
    /** Telegram's limit on the text of a callback query's answer. */
    private static final int CALLBACK_ANSWER_LIMIT = 200;

    @ParameterizedTest
    @EnumSource(Language.class)
    void whatUsersTypedIsEscaped(Language language) {
        Replies replies = Replies.in(language);
        Listing listing = new Listing("l1", HOSTILE, HOSTILE, HOSTILE, HOSTILE, null,
                ListingStatus.ACTIVE, 1, null, null, null, null, null);

        assertThat(replies.welcome(HOSTILE, 3)).contains("&lt;b&gt;Ada&lt;/b&gt; &amp; ").doesNotContain(HOSTILE);
        assertThat(replies.noMatch(HOSTILE)).doesNotContain(HOSTILE);
        assertThat(replies.categoryPage(HOSTILE, 1, 2)).doesNotContain(HOSTILE);
        assertThat(replies.listing(listing, false, 1)).doesNotContain(HOSTILE);
        assertThat(replies.submitCheck(HOSTILE, HOSTILE, HOSTILE, HOSTILE)).doesNotContain(HOSTILE);
        assertThat(replies.moderationCard(HOSTILE, 42, listing)).doesNotContain(HOSTILE);
        assertThat(replies.submitPublished(HOSTILE)).doesNotContain(HOSTILE);
        assertThat(replies.submitSubmitted(HOSTILE, 2)).doesNotContain(HOSTILE);
        assertThat(replies.submitCategoryChosen(HOSTILE)).doesNotContain(HOSTILE);
        assertThat(replies.refundLooking(HOSTILE)).doesNotContain(HOSTILE);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void theLongestMessagesFitTelegramsLimit(Language language) {
        Replies replies = Replies.in(language);
        String longestName = "A".repeat(64);

        assertThat(replies.help() + replies.adminHelp()).hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
        assertThat(replies.welcome(longestName, Long.MAX_VALUE)).hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
        assertThat(replies.unknown()).hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
        assertThat(replies.notEnoughCredits(Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE))
                .hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
        assertThat(replies.privacy()).hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
        assertThat(replies.terms()).hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
        assertThat(replies.paySupport()).hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
        assertThat(replies.forgetAsk(Integer.MAX_VALUE, Long.MAX_VALUE)).hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
        assertThat(replies.stats(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                replies.credits(Long.MAX_VALUE), Long.MAX_VALUE, Long.MAX_VALUE, replies.credits(Long.MAX_VALUE),
                Long.MAX_VALUE)).hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
    }

    /** A listing at every field's longest (what Telegram counts is the text, so plain letters: no entity inflates it). */
    @ParameterizedTest
    @EnumSource(Language.class)
    void theLongestListingStillFitsOneMessageWhenCheckedAndReviewed(Language language) {
        Replies replies = Replies.in(language);
        String title = "x".repeat(ListingFields.TITLE_MAX);
        String city = "x".repeat(ListingFields.CITY_MAX);
        String description = "x".repeat(ListingFields.DESCRIPTION_MAX);
        String category = "x".repeat(40);
        Listing listing = new Listing("l1", title, category, city, description, null, ListingStatus.PENDING, 1, null,
                null, null, null, null);

        assertThat(replies.submitCheck(title, category, city, description)).hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
        assertThat(replies.moderationCard("@" + "a".repeat(32), Long.MAX_VALUE, listing))
                .hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void popUpAnswersFitTelegramsLimit(Language language) {
        Replies replies = Replies.in(language);

        assertThat(replies.buttonExpired()).hasSizeLessThanOrEqualTo(CALLBACK_ANSWER_LIMIT);
        assertThat(replies.alreadyUnlocked()).hasSizeLessThanOrEqualTo(CALLBACK_ANSWER_LIMIT);
        assertThat(replies.contactUnavailable()).hasSizeLessThanOrEqualTo(CALLBACK_ANSWER_LIMIT);
        assertThat(replies.listingGone()).hasSizeLessThanOrEqualTo(CALLBACK_ANSWER_LIMIT);
        assertThat(replies.pageGone()).hasSizeLessThanOrEqualTo(CALLBACK_ANSWER_LIMIT);
        assertThat(replies.slowDown(Long.MAX_VALUE)).hasSizeLessThanOrEqualTo(CALLBACK_ANSWER_LIMIT);
        for (String key : new String[] {"unlock.short", "submit.ended", "submit.choice.closed", "forget.expired",
                "broadcast.not.waiting", "moderation.unknown", "moderation.not.waiting", "moderation.approved",
                "moderation.rejected"}) {
            assertThat(replies.text(key)).as(key).hasSizeLessThanOrEqualTo(CALLBACK_ANSWER_LIMIT);
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void anInvoiceFitsTelegramsLimits(Language language) {
        Replies replies = Replies.in(language);

        // sendInvoice: title 1-32 characters, description 1-255 (bot-api-10.1.json).
        assertThat(replies.credits(Integer.MAX_VALUE)).hasSizeBetween(1, 32);
        assertThat(replies.invoiceDescription(Integer.MAX_VALUE)).hasSizeBetween(1, 255);
    }
}
