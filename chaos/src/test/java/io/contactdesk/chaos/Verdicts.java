package io.contactdesk.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdicts of a run, from what was observed: each is a count that a broken pipeline makes non-zero, and each is
 * unit-tested with observations that violate it ({@code VerdictsTest}). The harness only collects; this decides.
 */
final class Verdicts {

    /** Above this share of replies, duplicates fail the run even where a fault explains them. */
    static final double DUPLICATE_LIMIT = 0.005;
    /** A retry after a fault re-sends what was sent just before it: a fault this close explains a duplicate. */
    static final Duration EXPLAINS = Duration.ofSeconds(1);

    /** A fault, for the duplicates it can explain: a kill is an instant, an outage or a late answer a span. */
    record FaultEvent(String name, Instant from, Instant to) {
    }

    /** What the run observed, gathered by the harness after the drain. */
    record Observations(Map<Long, ReplyMatcher.Result> chats, long replies, List<String> unansweredTaps,
            Map<Long, LedgerAudit.Findings> ledgers, Map<Long, Long> processorBalances, List<String> deadLetters,
            long floodWaits, List<FaultEvent> faults, List<String> notRecovered, List<String> problems) {
    }

    /** One verdict: its line names it and its count; the details say where. */
    record Verdict(String line, boolean failed, List<String> details) {
        @Override
        public String toString() {
            return (failed ? "FAIL " : "pass ") + line;
        }
    }

    private Verdicts() {
    }

    static List<Verdict> judge(Observations seen) {
        List<Verdict> verdicts = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        seen.chats().forEach((chat, result) -> {
            result.lost().forEach(e -> lost.add("chat " + chat + ": " + e.kind() + " for update " + e.updateId()));
            for (ReplyMatcher.Duplicate duplicate : result.duplicates()) {
                String where = "chat " + chat + ": " + duplicate.message().kind() + " message "
                        + duplicate.message().messageId() + " at " + duplicate.message().sentAt()
                        + (duplicate.original() == null ? " (answers nothing)" : " repeats "
                        + duplicate.original().messageId() + " of " + duplicate.original().sentAt());
                duplicated.add(where);
                if (!explained(duplicate, seen.faults())) {
                    unexplained.add(where);
                }
            }
        });
        verdicts.add(count("lost replies", lost));
        verdicts.add(count("unanswered taps", seen.unansweredTaps()));
        double share = seen.replies() == 0 ? 0 : (double) duplicated.size() / seen.replies();
        verdicts.add(new Verdict(String.format(Locale.ROOT, "duplicated replies: %d of %d (%.3f %%, limit %.1f %%)",
                duplicated.size(), seen.replies(), 100 * share, 100 * DUPLICATE_LIMIT), share >= DUPLICATE_LIMIT,
                duplicated));
        verdicts.add(count("duplicated replies without a fault to explain them", unexplained));

        List<String> sequence = new ArrayList<>();
        List<String> model = new ArrayList<>();
        List<String> mismatch = new ArrayList<>();
        seen.ledgers().forEach((user, findings) -> {
            if (!findings.sequence().isEmpty()) {
                sequence.add(user + ": " + String.join("; ", findings.sequence()));
            }
            if (!findings.model().isEmpty()) {
                model.add(user + ": " + String.join("; ", findings.model()));
            }
            Long processor = seen.processorBalances().get(user);
            if (processor == null || processor != findings.sum()) {
                mismatch.add(user + ": PostgreSQL " + findings.sum() + ", the processor's /balance " + processor);
            }
        });
        verdicts.add(users("ledger sequence broken", sequence));
        verdicts.add(users("ledger vs the driver's model", model));
        verdicts.add(users("PostgreSQL vs processor mismatch", mismatch));
        verdicts.add(count("dead letters (failed inserts, replies given up)", seen.deadLetters()));
        verdicts.add(new Verdict("429 from Telegram's flood limits: " + seen.floodWaits(), seen.floodWaits() > 0,
                List.of()));
        verdicts.add(count("faults not recovered from", seen.notRecovered()));
        verdicts.add(count("problems (services, drain)", seen.problems()));
        return verdicts;
    }

    static List<Verdict> failed(List<Verdict> verdicts) {
        return verdicts.stream().filter(Verdict::failed).toList();
    }

    /** A fault between (just before) the first send and the repeat: the repeat is that fault's retry. */
    private static boolean explained(ReplyMatcher.Duplicate duplicate, List<FaultEvent> faults) {
        Instant first = (duplicate.original() == null ? duplicate.message() : duplicate.original()).sentAt()
                .minus(EXPLAINS);
        Instant repeat = duplicate.message().sentAt();
        return faults.stream().anyMatch(f -> !f.from().isAfter(repeat) && !f.to().isBefore(first));
    }

    private static Verdict count(String name, List<String> details) {
        return new Verdict(name + ": " + details.size(), !details.isEmpty(), details);
    }

    private static Verdict users(String name, List<String> details) {
        return new Verdict(name + ": " + details.size() + (details.size() == 1 ? " user" : " users"), !details.isEmpty(),
                details);
    }
}
