package io.contactdesk.chaos;

import io.contactdesk.contracts.topics.Topics;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

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
            List<SandboxClient.BotMessage> messages = stack.chats.botMessages(user.id);
            replies += messages.size();
            Map<Long, String> byId = new HashMap<>();
            messages.forEach(m -> byId.put(m.messageId(), m.text()));
            Set<String> answered = stack.chats.answeredCallbacks(user.id);
            List<ReplyMatcher.Expected> expected = new ArrayList<>(user.expected());
            Set<String> revealed = new HashSet<>();
            for (SimUser.Tap tap : user.taps()) {
                // Before a block the bot may have had no chance to answer: nothing is owed for those taps.
                boolean optional = user.blockedAt() != null && tap.at().isBefore(user.blockedAt());
                if (byId.getOrDefault(tap.messageId(), "").contains(stack.contacts.get(tap.listingId()))) {
                    revealed.add(tap.listingId());
                } else {
                    expected.add(new ReplyMatcher.Expected(tap.updateId(), ReplyKind.NOT_ENOUGH_CREDITS, tap.at(), optional));
                }
                if (!optional && !answered.contains(tap.callbackQueryId())) {
                    unansweredTaps.add("chat " + user.id + ": tap (update " + tap.updateId() + ") on " + tap.listingId());
                }
            }
            expected.sort(Comparator.comparing(ReplyMatcher.Expected::sentAt));
            chats.put(user.id, ReplyMatcher.match(expected,
                    messages.stream().map(SandboxClient.BotMessage::seen).toList()));

            LedgerAudit.Model model = new LedgerAudit.Model(Stack.SIGNUP_BONUS, Stack.UNLOCK_COST, user.grants(),
                    user.revokes(), revealed);
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

    /** Records on every dead-letter topic: a failed insert or an undeliverable reply lands there, not in silence. */
    static long deadLetters(Stack stack, List<String> failures) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<String> topics = Topics.deadLetterTopicNames().stream().filter(existing::contains).toList();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> ends.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(ends).all().get(20, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            failures.add("cannot count dead letters: " + e);
            return 0;
        }
    }
}
