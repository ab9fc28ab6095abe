package io.contactdesk.chaos;

import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.testsupport.CommittedRecords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Gathers, after the drain, what the sandbox, PostgreSQL and the broker show, for {@link Verdicts}. */
final class Audit {

    private static final Pattern CREDITS = Pattern.compile("(\\d+) credits?");

    private Audit() {
    }

    static Verdicts.Observations observe(Stack stack, List<SimUser> users, List<Verdicts.FaultEvent> faults,
            List<String> notRecovered, List<String> problems) {
        List<String> failures = new ArrayList<>(problems);
        Map<Long, List<LedgerAudit.Row>> ledger = ledgerRows(stack, failures);
        Map<Long, ReplyMatcher.Result> chats = new LinkedHashMap<>();
        Map<Long, LedgerAudit.Findings> ledgers = new LinkedHashMap<>();
        Map<Long, Long> balances = new HashMap<>();
        List<String> unansweredTaps = new ArrayList<>();
        long replies = 0;
        for (SimUser user : users) {
            if (!user.started()) {
                continue;
            }
            List<BotMessage> messages = BotMessage.in(stack.chats, user.id);
            replies += messages.size();
            Map<Long, String> byId = new HashMap<>();
            messages.forEach(m -> byId.put(m.messageId(), m.text()));
            Set<String> answered = stack.chats.callbackAnswers(user.id).stream()
                    .map(answer -> answer.path("callback_query_id").asText()).collect(Collectors.toSet());
            List<ReplyMatcher.Expected> expected = new ArrayList<>(user.expected());
            Set<String> revealed = new HashSet<>();
            Set<String> unseen = new HashSet<>();
            for (SimUser.Tap tap : user.taps()) {
                // Before a block the bot may have had no chance to answer: nothing is owed for those taps.
                boolean optional = user.blockedAt() != null && tap.at().isBefore(user.blockedAt());
                if (byId.getOrDefault(tap.messageId(), "").contains(stack.contacts.get(tap.listingId()))) {
                    revealed.add(tap.listingId());
                } else {
                    if (optional) {
                        unseen.add(tap.listingId());
                    }
                    expected.add(new ReplyMatcher.Expected(tap.updateId(), ReplyKind.NOT_ENOUGH_CREDITS, tap.at(), optional));
                }
                if (!optional && !answered.contains(tap.callbackQueryId())) {
                    unansweredTaps.add("chat " + user.id + ": tap (update " + tap.updateId() + ") on " + tap.listingId());
                }
            }
            expected.sort(Comparator.comparing(ReplyMatcher.Expected::sentAt));
            chats.put(user.id, ReplyMatcher.match(expected,
                    messages.stream().map(BotMessage::seen).toList()));

            LedgerAudit.Model model = new LedgerAudit.Model(Stack.SIGNUP_BONUS, Stack.UNLOCK_COST, user.grants(),
                    user.revokes(), revealed, unseen);
            ledgers.put(user.id, LedgerAudit.audit(ledger.getOrDefault(user.id, List.of()), model));
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i).text().contains("Your balance")) {
                    Matcher m = CREDITS.matcher(messages.get(i).text());
                    if (m.find()) {
                        balances.put(user.id, Long.parseLong(m.group(1)));
                    }
                    break;
                }
            }
        }
        var stats = stack.chats.stats();
        long floodWaits = stats.path("too_many_requests").asLong() - stats.path("faults_injected").path("429").asLong();
        return new Verdicts.Observations(chats, replies, unansweredTaps, ledgers, balances,
                deadLetters(stack, failures), floodWaits, faults, notRecovered, failures);
    }

    private static Map<Long, List<LedgerAudit.Row>> ledgerRows(Stack stack, List<String> failures) {
        Map<Long, List<LedgerAudit.Row>> rows = new HashMap<>();
        try (Connection db = stack.database(); Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery("select user_id, sequence, kind, delta, balance_after, reason"
                        + " from credit_ledger order by user_id, sequence")) {
            while (result.next()) {
                rows.computeIfAbsent(result.getLong(1), u -> new ArrayList<>()).add(new LedgerAudit.Row(result.getLong(2),
                        result.getString(3), result.getLong(4), result.getLong(5), result.getString(6)));
            }
        } catch (SQLException e) {
            failures.add("cannot read PostgreSQL for the checks: " + e);
        }
        return rows;
    }

    /**
     * Every record on the dead-letter topics, as "topic: reason": a failed insert or a reply the notifier gave up on
     * lands there, not in silence.
     */
    static List<String> deadLetters(Stack stack, List<String> failures) {
        List<String> letters = new ArrayList<>();
        try {
            for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.bytesOf(stack.broker.bootstrapServers(),
                    Topics.deadLetterTopicNames())) {
                letters.add(record.topic() + ": " + reason(record.value()));
            }
        } catch (Exception e) {
            failures.add("cannot read the dead letters: " + e);
        }
        return letters;
    }

    private static String reason(byte[] value) {
        try {
            var json = Json.mapper().readTree(value);
            return json.path("service").asText("?") + " (key " + json.path("key").asText() + "): "
                    + json.path("reason").asText();
        } catch (Exception notJson) {
            return "(not a DeadLetter record, " + (value == null ? 0 : value.length) + " bytes)";
        }
    }
}
