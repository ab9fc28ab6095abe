package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.IngressOffset;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.testsupport.CommittedRecords;
import io.contactdesk.testsupport.SandboxClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What Telegram sends in normal operation, beyond the commands the bot was built for, on the whole running pipeline.
 *
 * <p>Given users who started the bot; when one of them fixes a typo in a message, one blocks and unblocks the bot, two
 * write in a group, and then Telegram restarts its update ids below every id seen so far (as it does after a week
 * without updates), after which old and new users, a hundred in all, send {@code /start} and {@code /balance}: every
 * command is answered, credits move exactly once, and nothing of it is dead-lettered. Each test checks one consequence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TelegramAsItIsScenario {

    /** A hang guard only: on a quiet machine everything is in within seconds. */
    private static final Duration PIPELINE = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(300);
    private static final long FIRST_OLD = 810_001;
    private static final int OLD_USERS = 10;
    private static final long FIRST_NEW = 820_001;
    private static final int NEW_USERS = 90;
    private static final long GROUP = -100_555_000_111L;
    private static final String BALANCE_3 = "Your balance: <b>3 credits</b>.";

    abstract LocalStack stack();

    private final List<SandboxUser> oldUsers = new ArrayList<>();
    private final List<SandboxUser> newUsers = new ArrayList<>();
    private SandboxUser editor;
    private SandboxUser blocker;
    private SandboxUser browser;
    private int editorRepliesBeforeEdit;
    private int blockerRepliesBeforeBlock;
    private long lowestIdBefore = Long.MAX_VALUE;
    private long highestIdBefore;
    private long firstIdAfter = Long.MAX_VALUE;
    private long lastIdAfter;
    private Ledger ledger;

    @BeforeAll
    void trafficAsTelegramSendsIt() throws Exception {
        String sandbox = stack().telegramApiUrl();
        ledger = new Ledger(stack().postgres().jdbcUrl(), stack().postgres().user(), stack().postgres().password());
        LongStream.range(0, OLD_USERS).forEach(i -> oldUsers.add(new SandboxUser(sandbox, FIRST_OLD + i)));
        LongStream.range(0, NEW_USERS).forEach(i -> newUsers.add(new SandboxUser(sandbox, FIRST_NEW + i)));
        editor = oldUsers.get(0);
        blocker = oldUsers.get(1);
        browser = oldUsers.get(4);

        // given old users who started the bot
        for (SandboxUser user : oldUsers) {
            noteId(user.sends("/start"));
        }
        awaitReplies(oldUsers, 1);

        // and one browses: the category tapped edits the message in place and answers the tap
        browser.sends("/browse");
        await().atMost(PIPELINE).pollInterval(POLL).until(() -> browser.chat().size() == 2);
        JsonNode categories = browser.messages().get(1);
        browser.presses(categories.path("message_id").asLong(),
                categories.path("reply_markup").path("inline_keyboard").path(0).path(0).path("callback_data").asText());
        await().atMost(PIPELINE).pollInterval(POLL).until(() -> browser.callbackAnswers().size() == 1);

        // when one fixes a typo: "/balance" becomes "/start" (an edited command is not run again)
        editorRepliesBeforeEdit = editor.chat().size();
        long typo = editor.sendsMessage("/balance");
        await().atMost(PIPELINE).pollInterval(POLL).until(() -> editor.chat().size() == editorRepliesBeforeEdit + 1);
        editor.edits(typo, "/start");

        // and one blocks the bot, then unblocks it
        blockerRepliesBeforeBlock = blocker.chat().size();
        blocker.blocksTheBot(true);
        await().atMost(PIPELINE).pollInterval(POLL).until(() -> ledger.blocked(blocker.id()).orElse(false));
        blocker.blocksTheBot(false);

        // and two of them write in a group the bot was added to
        oldUsers.get(2).sendsInGroup(GROUP, "Neighbours", "/start");
        oldUsers.get(3).sendsInGroup(GROUP, "Neighbours", "/balance@contactdesk_bot");

        // and, once every update so far was taken, Telegram restarts its update ids below all of them
        await().atMost(PIPELINE).pollInterval(POLL).until(() -> sandboxStats().path("updates_pending").asLong() == 0);
        JsonNode restart = new SandboxClient(sandbox).restartUpdateIds(lowestIdBefore);
        assertThat(restart.path("first_id").asLong()).isEqualTo(lowestIdBefore);

        // then a hundred users, old and new, start the bot and ask for their balance
        for (SandboxUser user : everyone()) {
            firstIdAfter = Math.min(firstIdAfter, user.sends("/start"));
            lastIdAfter = Math.max(lastIdAfter, user.sends("/balance"));
        }
        awaitDrained();
    }

    private List<SandboxUser> everyone() {
        List<SandboxUser> all = new ArrayList<>(oldUsers);
        all.addAll(newUsers);
        return all;
    }

    private void noteId(long updateId) {
        lowestIdBefore = Math.min(lowestIdBefore, updateId);
        highestIdBefore = Math.max(highestIdBefore, updateId);
    }

    // --- then ----------------------------------------------------------------------------------------------------

    @Test
    void theUpdateIdsRestartedOnIdsSeenBeforeAndTheIngressStartedANewEpoch() throws Exception {
        List<ConsumerRecord<String, IngressOffset>> offsets =
                CommittedRecords.of(stack().kafkaBootstrapServers(), Topics.INGRESS_OFFSETS);
        IngressOffset last = offsets.get(offsets.size() - 1).value();

        // the ids after the restart run over the ids the old users' /start had: every one of them recycled
        assertThat(firstIdAfter).isEqualTo(lowestIdBefore);
        assertThat(lastIdAfter).isGreaterThan(highestIdBefore);
        assertThat(last.lastUpdateId()).isEqualTo(lastIdAfter);
        assertThat(last.epoch()).isPositive();
    }

    @Test
    void everyStartAndBalanceAfterTheRestartIsAnswered() {
        for (SandboxUser user : newUsers) {
            assertThat(user.chat()).as("user %d", user.id()).hasSize(2);
            assertThat(user.chat().get(0)).contains("3 credits");
            assertThat(user.chat().get(1)).isEqualTo(BALANCE_3);
        }
        for (SandboxUser user : oldUsers) {
            List<String> chat = user.chat();
            assertThat(chat.get(chat.size() - 1)).as("user %d", user.id()).isEqualTo(BALANCE_3);
            assertThat(chat.get(chat.size() - 2)).as("user %d", user.id()).contains("3 credits");
        }
    }

    @Test
    void everyUserIsCreditedTheSignupBonusExactlyOnce() {
        Set<Long> ids = everyone().stream().map(SandboxUser::id).collect(Collectors.toSet());

        Map<Long, List<Ledger.Entry>> entries = ledger.entriesOf(ids);

        assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        entries.forEach((user, list) -> assertThat(list).as("user %d", user).containsExactly(new Ledger.Entry(3, 3)));
    }

    @Test
    void anEditedCommandIsNotRunAgain() {
        List<String> chat = editor.chat();
        // the /balance before the edit, then the /start and /balance after the restart: nothing for the edit
        assertThat(chat).hasSize(editorRepliesBeforeEdit + 3);
        assertThat(chat.get(editorRepliesBeforeEdit)).isEqualTo(BALANCE_3);
    }

    @Test
    void blockingTheBotIsRecordedAndUnblockingItIsWelcomedOnce() {
        List<String> sinceBlock = blocker.chat().subList(blockerRepliesBeforeBlock, blocker.chat().size());

        // the welcome on unblocking, then the answers to /start and /balance after the restart
        assertThat(sinceBlock).hasSize(3);
        assertThat(sinceBlock.get(0)).containsIgnoringCase("welcome back");
        assertThat(sinceBlock.get(2)).isEqualTo(BALANCE_3);
        assertThat(ledger.blocked(blocker.id())).contains(false);
    }

    @Test
    void aGroupIsAskedOnceToTalkInAPrivateChatAndNoCommandRunsThere() {
        List<String> group = new SandboxUser(stack().telegramApiUrl(), GROUP).chat();

        assertThat(group).singleElement().satisfies(text -> assertThat(text).containsIgnoringCase("private chat"));
    }

    @Test
    void nothingTelegramSentIsDeadLettered() {
        Set<String> keys = new HashSet<>();
        everyone().forEach(user -> keys.add(Long.toString(user.id())));
        keys.add(Long.toString(GROUP));

        List<DeadLetter> ours = CommittedRecords.of(stack().kafkaBootstrapServers(), Topics.UPDATES_DLQ).stream()
                .filter(record -> keys.contains(record.key())).map(ConsumerRecord::value).toList();

        assertThat(ours).isEmpty();
    }

    @Test
    void everyBotApiCallTheServicesMadeFollowsThePublishedSpec() throws Exception {
        JsonNode stats = sandboxStats();

        assertThat(stats.path("calls").fieldNames()).toIterable()
                .contains("getUpdates", "getMe", "sendMessage", "editMessageText", "answerCallbackQuery", "setMyCommands");
        assertThat(new SandboxClient(stack().telegramApiUrl()).specViolations()).isEmpty();
        assertThat(stats.path("spec_violations").asLong(-1)).isZero();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private void awaitReplies(List<SandboxUser> users, int replies) {
        await().atMost(PIPELINE).pollInterval(POLL).until(() -> users.stream().allMatch(u -> u.chat().size() >= replies));
    }

    private void awaitDrained() throws Exception {
        try (ConsumerGroups groups = new ConsumerGroups(stack().kafkaBootstrapServers())) {
            await().atMost(PIPELINE).pollInterval(POLL).until(() -> sandboxStats().path("updates_pending").asLong() == 0
                    && groups.hasDrained("contactdesk-command-processor", Topics.UPDATES.name())
                    && groups.hasDrained("contactdesk-notifier", Topics.OUTBOX.name())
                    && groups.hasDrained("contactdesk-db-writer", Topics.LEDGER.name())
                    && groups.hasDrained("contactdesk-db-writer", Topics.USERS.name()));
        }
    }

    private JsonNode sandboxStats() {
        return new SandboxClient(stack().telegramApiUrl()).stats();
    }
}
