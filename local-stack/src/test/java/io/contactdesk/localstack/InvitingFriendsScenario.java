package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.contracts.topics.Topics;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Invitations through the whole pipeline: a link from /invite, a new user's deep link (/start ref_…) crediting both
 * once in PostgreSQL, the same link again crediting nothing, and the inviter's own link crediting them nothing.
 */
abstract class InvitingFriendsScenario {

    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final long INVITER = 4_401;
    private static final long FRIEND = 4_402;
    private static final Pattern LINK = Pattern.compile("https://t\\.me/([A-Za-z0-9_]+)\\?start=(ref_[A-Za-z0-9_-]+)");

    abstract LocalStack stack();

    @Test
    void aFriendJoiningWithTheLinkCreditsBothOnceAndASelfReferralNothing() {
        LocalStack stack = stack();
        SandboxUser inviter = new SandboxUser(stack.telegramApiUrl(), INVITER);
        SandboxUser friend = new SandboxUser(stack.telegramApiUrl(), FRIEND);
        Ledger ledger = new Ledger(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password());
        inviter.sends("/start");
        inviter.sends("/invite");
        String invite = await().atMost(PIPELINE).until(() -> inviter.chat().stream()
                .filter(text -> text.contains("Your link")).findFirst().orElse(null), text -> text != null);
        Matcher link = LINK.matcher(invite);
        assertThat(link.find()).as(invite).isTrue();
        assertThat(link.group(1)).isEqualTo(stack.sandbox().botUsername());
        assertThat(invite).doesNotContain(Long.toString(INVITER));

        // when a new user opens the link (the app sends /start <parameter>), twice, and the inviter opens their own
        friend.sends("/start " + link.group(2));
        await().atMost(PIPELINE).until(() -> friend.chat().stream()
                .anyMatch(text -> text.contains("You joined with an invitation")));
        friend.sends("/start " + link.group(2));
        inviter.sends("/start " + link.group(2));
        inviter.sends("/invite");

        // then each of the two got the bonus once, and the inviter sees one friend joined
        await().atMost(PIPELINE).until(() -> inviter.chat().stream()
                .anyMatch(text -> text.contains("Joined with your link so far: <b>1</b>")));
        try (ConsumerGroups groups = new ConsumerGroups(stack.kafkaBootstrapServers())) {
            await().atMost(PIPELINE).until(() -> groups.hasDrained("contactdesk-db-writer", Topics.LEDGER.name()));
        }
        assertThat(ledger.referralsOf(INVITER)).containsExactly(1L);
        assertThat(ledger.referralsOf(FRIEND)).containsExactly(1L);
    }
}
