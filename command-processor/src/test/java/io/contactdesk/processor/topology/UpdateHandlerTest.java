package io.contactdesk.processor.topology;

import static io.contactdesk.processor.TelegramUpdates.message;
import static io.contactdesk.processor.TelegramUpdates.sealed;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.OpsReportRequested;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.contracts.json.JsonSerde;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.broadcast.BroadcastDraft;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.dedupe.SeenUpdates;
import io.contactdesk.processor.groups.GroupChat;
import io.contactdesk.processor.groups.GroupChats;
import io.contactdesk.processor.history.LedgerHistory;
import io.contactdesk.processor.language.Language;
import io.contactdesk.processor.language.Texts;
import io.contactdesk.processor.ratelimit.RateWindow;
import io.contactdesk.processor.session.SubmitSession;
import io.contactdesk.processor.stats.StatsShard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code handle-update} alone, fed records through a mock context as Kafka's {@code WordCountProcessorTest} does,
 * its punctuators fired by hand.
 */
class UpdateHandlerTest {

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final long ADA = 42;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockTask task = new MockTask(0);
    private final MockProcessorContext<String, Object> context = task.context;
    private final UpdateHandler handler = new UpdateHandler(new CommandRouter(TestRules.rules()),
            new UpdateMetrics(meters), new LedgerMetrics(meters), new PromptCommits(CommandTopology.PROMPT_COMMIT_INTERVAL));
    private KeyValueStore<Long, Account> accounts;
    private KeyValueStore<Long, SubmitSession> sessions;

    @BeforeEach
    void init() {
        task.store(SeenUpdates.STORE, Serdes.Long(), Serdes.Long());
        task.store(GroupChats.STORE, Serdes.Long(), JsonSerde.of(GroupChat.class));
        sessions = task.store(CommandTopology.SESSIONS_STORE, Serdes.Long(), JsonSerde.of(SubmitSession.class));
        task.store(CommandTopology.RATE_WINDOWS_STORE, Serdes.Long(), JsonSerde.of(RateWindow.class));
        task.store(CommandTopology.BROADCASTS_STORE, Serdes.Long(), JsonSerde.of(BroadcastDraft.class));
        accounts = task.store(CommandTopology.ACCOUNTS_STORE, Serdes.Long(), JsonSerde.of(Account.class));
        task.store(CommandTopology.HISTORY_STORE, Serdes.Long(), JsonSerde.of(LedgerHistory.class));
        task.store(CommandTopology.SHARD_STATS_STORE, Serdes.String(), JsonSerde.of(StatsShard.class));
        task.store(CommandTopology.PAYMENTS_STORE, Serdes.String(), JsonSerde.of(StarPayment.class));
        task.store(CommandTopology.DIRECTORY_STORE, Serdes.String(), JsonSerde.of(Listing.class));
        task.store(CommandTopology.STATS_SHARDS_STORE, Serdes.String(), JsonSerde.of(StatsShard.class));
        // The thread's wall clock, which only the prompt commits read (never an output).
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        handler.init(context);
    }

    private void feed(long user, String update, Instant at) {
        handler.process(new Record<>(Long.toString(user), update, at.toEpochMilli()));
    }

    @Test
    void startRegistersTheUserAndEveryEffectGoesToItsSink() {
        feed(ADA, sealed(message(1, ADA, "/start")), T0);

        assertThat(accounts.get(ADA).balance()).isEqualTo(3);
        assertThat(task.forwardedTo(CommandTopology.USERS_SINK)).hasSize(1);
        assertThat(task.forwardedTo(CommandTopology.LEDGER_SINK)).hasSize(1);
        assertThat(task.forwardedTo(CommandTopology.OUTBOX_SINK)).singleElement()
                .satisfies(reply -> assertThat(((OutboxMessage) reply).causeId()).isEqualTo("update:1"));
    }

    @Test
    void everyRecordItWritesCarriesTheUpdatesTimeNotTheClock() {
        // given a task whose clock is an hour past the update
        context.setCurrentSystemTimeMs(T0.plusSeconds(3600).toEpochMilli());

        feed(ADA, sealed(message(1, ADA, "/start")), T0);

        // then every output, the task's stats shard among them, has the update's time: a replay writes the same
        assertThat(task.forwardedTo(CommandTopology.STATS_SINK)).isNotEmpty();
        assertThat(context.forwarded()).allSatisfy(forward ->
                assertThat(forward.record().timestamp()).isEqualTo(T0.toEpochMilli()));
    }

    @Test
    void aFreshUpdateThatCameAloneAsksForACommitAtOnce() {
        feed(ADA, sealed(message(1, ADA, "/start")), T0);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void anUpdateSeenBeforeChangesNothing() {
        feed(ADA, sealed(message(1, ADA, "/start")), T0);
        context.resetForwards();

        feed(ADA, sealed(message(1, ADA, "/start")), T0.plusSeconds(1));

        assertThat(context.forwarded()).isEmpty();
        assertThat(meters.counter(UpdateMetrics.UPDATES, "outcome", "duplicate").count()).isEqualTo(1);
    }

    @Test
    void anAdminsHealthAndLagAreForwardedForTheOpsConsoleAndAnsweredNowhereHere() {
        feed(TestRules.ADMIN, sealed(message(1, TestRules.ADMIN, "/start")), T0);
        context.resetForwards();

        feed(TestRules.ADMIN, sealed(message(2, TestRules.ADMIN, "/health")), T0.plusSeconds(1));
        feed(TestRules.ADMIN, sealed(message(3, TestRules.ADMIN, "/lag")), T0.plusSeconds(2));

        assertThat(task.forwardedTo(CommandTopology.OUTBOX_SINK)).isEmpty();
        assertThat(context.forwarded().stream().map(forward -> (String) forward.record().key()).toList()).containsOnly("900");
        assertThat(task.forwardedTo(CommandTopology.REPORT_REQUESTS_SINK))
                .extracting(request -> ((OpsReportRequested) request).report())
                .containsExactly(OpsReportRequested.Report.HEALTH, OpsReportRequested.Report.LAG);
    }

    @Test
    void aRecordInTheClearIsDeadLetteredWithWhereItCameFrom() {
        context.setRecordMetadata("tg.updates", 3, 99);

        feed(ADA, message(1, ADA, "/start"), T0);

        assertThat(task.forwardedTo(CommandTopology.DEAD_LETTER_SINK)).singleElement().satisfies(letter -> {
            DeadLetter dead = (DeadLetter) letter;
            assertThat(dead.reason()).endsWith("not sealed: only the ingress may publish updates");
            assertThat(dead.partition()).isEqualTo(3);
            assertThat(dead.offset()).isEqualTo(99);
        });
        assertThat(accounts.get(ADA)).isNull();
    }

    @Test
    void theMinutePunctuatorEndsADraftIdleFor15MinutesAndTellsItsAuthor() {
        sessions.put(ADA, SubmitSession.start("17", "s17", false, T0));
        CapturedPunctuator everyMinute = context.scheduledPunctuators().stream()
                .filter(punctuator -> punctuator.getInterval().equals(Duration.ofMinutes(1))).findFirst().orElseThrow();
        assertThat(everyMinute.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);

        everyMinute.getPunctuator().punctuate(T0.plus(Duration.ofMinutes(14)).toEpochMilli());
        assertThat(context.forwarded()).isEmpty();
        everyMinute.getPunctuator().punctuate(T0.plus(Duration.ofMinutes(15)).toEpochMilli());

        assertThat(sessions.get(ADA)).isNull();
        assertThat(task.forwardedTo(CommandTopology.OUTBOX_SINK)).singleElement().satisfies(notice -> {
            assertThat(((OutboxMessage) notice).chatId()).isEqualTo(ADA);
            assertThat(((OutboxMessage) notice).params())
                    .containsEntry("text", Texts.in(Language.EN).get("submit.expired"));
        });
    }
}
