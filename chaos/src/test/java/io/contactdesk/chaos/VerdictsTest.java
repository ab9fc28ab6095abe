package io.contactdesk.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.chaos.LedgerAudit.Row;
import io.contactdesk.chaos.ReplyMatcher.Expected;
import io.contactdesk.chaos.ReplyMatcher.Seen;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each verdict fails on observations that violate it, and only then. */
class VerdictsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T23:00:00Z");
    private static final long USER = 10_001;

    @Test
    void aCleanRunPassesEveryVerdict() {
        assertThat(Verdicts.failed(Verdicts.judge(observations(chat(), ledger(), List.of())))).isEmpty();
    }

    @Test
    void theGreetingOnUnblockingIsItsOwnReplyNotASecondStartReply() {
        assertThat(ReplyKind.of("Welcome back! /browse to find a contact, or /help to see everything I can do.", 0))
                .isEqualTo(ReplyKind.UNBLOCKED);
        assertThat(ReplyKind.of("Welcome back, U10001! You have <b>3 credits</b>.", 0)).isEqualTo(ReplyKind.START);
    }

    @Test
    void aLostReplyAndADuplicateInTheSameChatAreBothCounted() {
        // /balance twice, /browse once; the bot answered the first /balance twice and never the /browse.
        List<Expected> expected = List.of(expected(1, ReplyKind.BALANCE, 0), expected(2, ReplyKind.BROWSE, 1),
                expected(3, ReplyKind.BALANCE, 2));
        List<Seen> seen = List.of(seen(1, ReplyKind.BALANCE, 5), seen(2, ReplyKind.BALANCE, 6),
                seen(3, ReplyKind.BALANCE, 7));

        List<Verdicts.Verdict> failed = Verdicts.failed(Verdicts.judge(
                observations(Map.of(USER, ReplyMatcher.match(expected, seen)), ledger(), List.of())));

        assertThat(failed).extracting(Verdicts.Verdict::line).containsExactly(
                "lost replies: 1", "duplicated replies: 1 of 3 (33.333 %, limit 0.5 %)",
                "duplicated replies without a fault to explain them: 1");
    }

    @Test
    void aReplySentBeforeItsCommandAnswersNothing() {
        ReplyMatcher.Result result = ReplyMatcher.match(List.of(expected(7, ReplyKind.BALANCE, 10)),
                List.of(seen(1, ReplyKind.BALANCE, 5)));

        assertThat(result.lost()).hasSize(1);
        assertThat(result.duplicates()).hasSize(1);
    }

    @Test
    void anOptionalReplyMayBeMissingButStillAnswersWhenItCame() {
        Expected beforeTheBlock = new Expected(1, ReplyKind.BALANCE, T0, true);

        assertThat(ReplyMatcher.match(List.of(beforeTheBlock), List.of()).lost()).isEmpty();
        assertThat(ReplyMatcher.match(List.of(beforeTheBlock), List.of(seen(1, ReplyKind.BALANCE, 1))).duplicates())
                .isEmpty();
    }

    @Test
    void aDuplicateRightAfterAKillIsExplainedButStillCountsAgainstTheLimit() {
        ReplyMatcher.Result result = ReplyMatcher.match(List.of(expected(1, ReplyKind.BALANCE, 0)),
                List.of(seen(1, ReplyKind.BALANCE, 5), seen(2, ReplyKind.BALANCE, 20)));
        Verdicts.FaultEvent kill = new Verdicts.FaultEvent("kill -9 notifier-1", T0.plusSeconds(6), T0.plusSeconds(6));

        List<Verdicts.Verdict> failed = Verdicts.failed(Verdicts.judge(
                observations(Map.of(USER, result), ledger(), List.of(kill))));

        assertThat(failed).extracting(Verdicts.Verdict::line)
                .containsExactly("duplicated replies: 1 of 2 (50.000 %, limit 0.5 %)");
    }

    @Test
    void aDeletedLedgerRowIsAMismatchWithTheProcessor() {
        List<Row> rows = new ArrayList<>(rows());
        rows.remove(1);

        List<Verdicts.Verdict> failed = Verdicts.failed(Verdicts.judge(observations(chat(),
                Map.of(USER, LedgerAudit.audit(rows, model())), List.of())));

        assertThat(failed).extracting(Verdicts.Verdict::line).contains("PostgreSQL vs processor mismatch: 1 user",
                "ledger sequence broken: 1 user", "ledger vs the driver's model: 1 user");
    }

    @Test
    void aNegativeRunningBalanceIsFoundByReplayNotByTheConstraint() {
        List<Row> rows = List.of(new Row(1, "SIGNUP_BONUS", 3, 3, "bonus"), new Row(2, "UNLOCK", -1, 2, "unlock a"),
                new Row(3, "UNLOCK", -1, 1, "unlock b"), new Row(4, "UNLOCK", -1, 0, "unlock c"),
                new Row(5, "UNLOCK", -1, 0, "unlock d"));
        LedgerAudit.Model model = new LedgerAudit.Model(3, 1, Map.of(), Map.of(), Set.of("a", "b", "c", "d"));

        LedgerAudit.Findings findings = LedgerAudit.audit(rows, model);

        assertThat(findings.sequence()).contains("balance -1 after sequence 5");
    }

    @Test
    void aGrantAppliedTwiceDisagreesWithTheDriver() {
        List<Row> rows = new ArrayList<>(rows());
        rows.add(new Row(4, "GRANT", 2, 6, "g1"));

        LedgerAudit.Findings findings = LedgerAudit.audit(rows, model());

        assertThat(findings.sequence()).isEmpty();
        assertThat(findings.model()).contains("grant g1 has 2 rows");
    }

    @Test
    void aRevokeTakesAtMostWhatThereIs() {
        List<Row> rows = List.of(new Row(1, "SIGNUP_BONUS", 3, 3, "bonus"), new Row(2, "REVOKE", -3, 0, "r1"));
        LedgerAudit.Model asked = new LedgerAudit.Model(3, 1, Map.of(), Map.of("r1", 5L), Set.of());
        LedgerAudit.Model askedTooLittle = new LedgerAudit.Model(3, 1, Map.of(), Map.of("r1", 2L), Set.of());

        assertThat(LedgerAudit.audit(rows, asked).clean()).isTrue();
        assertThat(LedgerAudit.audit(rows, askedTooLittle).model()).hasSize(1);
    }

    @Test
    void anUnlockChargedJustBeforeABlockNeedNotHaveBeenShown() {
        List<Row> rows = List.of(new Row(1, "SIGNUP_BONUS", 3, 3, "bonus"), new Row(2, "UNLOCK", -1, 2, "unlock a"));
        LedgerAudit.Model blockedBeforeTheReveal = new LedgerAudit.Model(3, 1, Map.of(), Map.of(), Set.of(), Set.of("a"));
        LedgerAudit.Model neverTappedBeforeTheBlock = new LedgerAudit.Model(3, 1, Map.of(), Map.of(), Set.of());

        assertThat(LedgerAudit.audit(rows, blockedBeforeTheReveal).clean()).isTrue();
        assertThat(LedgerAudit.audit(rows, neverTappedBeforeTheBlock).model()).hasSize(1);
    }

    @Test
    void floodWaitsDeadLettersAndUnrecoveredFaultsFailTheRun() {
        Verdicts.Observations seen = new Verdicts.Observations(chat(), 1, List.of(), ledger(), Map.of(USER, 4L),
                List.of("credit.ledger.dlq: db-writer: new row violates check constraint", "tg.outbox.dlq: notifier: 400"), 3,
                List.of(), List.of("postgres outage: db-writer-1 not UP within 120 s"), List.of());

        assertThat(Verdicts.failed(Verdicts.judge(seen))).extracting(Verdicts.Verdict::line).containsExactly(
                "dead letters (failed inserts, replies given up): 2", "429 from Telegram's flood limits: 3",
                "faults not recovered from: 1");
    }

    // ---------------------------------------------------------------- a small clean run to spoil

    private static Map<Long, ReplyMatcher.Result> chat() {
        return Map.of(USER, ReplyMatcher.match(List.of(expected(1, ReplyKind.BALANCE, 0)),
                List.of(seen(1, ReplyKind.BALANCE, 1))));
    }

    private static List<Row> rows() {
        return List.of(new Row(1, "SIGNUP_BONUS", 3, 3, "bonus"), new Row(2, "GRANT", 2, 5, "g1"),
                new Row(3, "UNLOCK", -1, 4, "unlock a"));
    }

    private static LedgerAudit.Model model() {
        return new LedgerAudit.Model(3, 1, Map.of("g1", 2L), Map.of(), Set.of("a"));
    }

    private static Map<Long, LedgerAudit.Findings> ledger() {
        return Map.of(USER, LedgerAudit.audit(rows(), model()));
    }

    private static Verdicts.Observations observations(Map<Long, ReplyMatcher.Result> chats,
            Map<Long, LedgerAudit.Findings> ledgers, List<Verdicts.FaultEvent> faults) {
        long replies = chats.values().stream()
                .mapToLong(r -> r.matched() + r.duplicates().size()).sum();
        Map<Long, Long> balances = new HashMap<>();
        balances.put(USER, 4L);
        return new Verdicts.Observations(chats, replies, List.of(), ledgers, balances, List.of(), 0, faults, List.of(),
                List.of());
    }

    private static Expected expected(long updateId, ReplyKind kind, long second) {
        return new Expected(updateId, kind, T0.plusSeconds(second), false);
    }

    private static Seen seen(long messageId, ReplyKind kind, long second) {
        return new Seen(messageId, kind, T0.plusSeconds(second));
    }
}
