package io.contactdesk.chaos;

import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.testsupport.CommittedRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * When a ledger verdict fails, where the entry went missing: each suspect user's entries on {@code credit.ledger}
 * (committed, and aborted ones of killed processors) beside their rows in PostgreSQL and db-writer's committed offset
 * on that partition. An entry on the topic below the committed offset but not in the table was skipped by db-writer;
 * an entry never committed on the topic was lost by the processor; a sequence taken twice is the processor's too.
 */
final class LedgerForensics {

    private static final String DB_WRITER_GROUP = "contactdesk-db-writer";

    private LedgerForensics() {
    }

    /** Users any ledger verdict names. */
    static Set<Long> suspects(Verdicts.Observations seen) {
        Set<Long> users = new LinkedHashSet<>();
        seen.ledgers().forEach((user, findings) -> {
            Long processor = seen.processorBalances().get(user);
            if (!findings.clean() || processor == null || processor != findings.sum()) {
                users.add(user);
            }
        });
        return users;
    }

    static List<String> explain(Stack stack, Set<Long> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try {
            String bootstrap = stack.broker.bootstrapServers();
            Map<String, Located> committed = entries(bootstrap, users, true);
            Map<String, Located> all = entries(bootstrap, users, false);
            Map<TopicPartition, OffsetAndMetadata> offsets;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                offsets = admin.listConsumerGroupOffsets(DB_WRITER_GROUP).partitionsToOffsetAndMetadata()
                        .get(20, TimeUnit.SECONDS);
            }
            Map<String, Long> rows = rows(stack, users);
            for (long user : users) {
                lines.addAll(explainUser(user, committed, all, rows, offsets));
            }
        } catch (Exception e) {
            lines.add("ledger forensics failed: " + e);
        }
        return lines;
    }

    static List<String> explainUser(long user, Map<String, Located> committed, Map<String, Located> all,
            Map<String, Long> rows, Map<TopicPartition, OffsetAndMetadata> offsets) {
        List<String> lines = new ArrayList<>();
        Map<Long, List<String>> bySequence = new TreeMap<>();
        committed.values().stream().filter(e -> e.entry().userId() == user)
                .forEach(e -> bySequence.computeIfAbsent(e.entry().sequence(), s -> new ArrayList<>()).add(e.entry().entryId()));
        long onTopic = committed.values().stream().filter(e -> e.entry().userId() == user).count();
        long inTable = rows.keySet().stream().filter(id -> id.startsWith(user + "|")).count();
        lines.add("ledger of user " + user + ": " + onTopic + " committed entries on " + Topics.LEDGER.name() + ", "
                + inTable + " rows in credit_ledger");
        bySequence.forEach((sequence, ids) -> {
            if (ids.size() > 1) {
                lines.add("  sequence " + sequence + " taken by " + ids.size() + " committed entries: " + ids);
            }
        });
        committed.values().stream().filter(e -> e.entry().userId() == user)
                .filter(e -> !rows.containsKey(user + "|" + e.entry().entryId()))
                .forEach(e -> {
                    OffsetAndMetadata done = offsets.get(e.partition());
                    String where = done == null ? "db-writer has no committed offset there"
                            : done.offset() > e.offset() ? "db-writer committed " + done.offset() + ", past it (skipped, or deleted since)"
                            : "db-writer committed " + done.offset() + ", not yet past it";
                    lines.add("  not in PostgreSQL: sequence " + e.entry().sequence() + " " + e.entry().kind() + " "
                            + e.entry().delta() + " (" + e.entry().entryId() + ") at " + e.partition() + "@" + e.offset()
                            + "; " + where);
                });
        rows.forEach((key, sequence) -> {
            String id = key.substring(key.indexOf('|') + 1);
            if (key.startsWith(user + "|") && !committed.containsKey(id)) {
                Located aborted = all.get(id);
                lines.add("  in PostgreSQL but never committed on the topic: sequence " + sequence + " (" + id + ")"
                        + (aborted == null ? "" : ", an aborted record at " + aborted.partition() + "@" + aborted.offset()));
            }
        });
        all.values().stream().filter(e -> e.entry().userId() == user && !committed.containsKey(e.entry().entryId()))
                .forEach(e -> lines.add("  aborted (never committed): sequence " + e.entry().sequence() + " "
                        + e.entry().kind() + " (" + e.entry().entryId() + ") at " + e.partition() + "@" + e.offset()));
        return lines;
    }

    record Located(LedgerEntry entry, TopicPartition partition, long offset) {
    }

    private static Map<String, Located> entries(String bootstrap, Set<Long> users, boolean committedOnly)
            throws Exception {
        Map<String, Located> entries = new HashMap<>();
        List<String> ledger = List.of(Topics.LEDGER.name());
        for (ConsumerRecord<byte[], byte[]> record : committedOnly ? CommittedRecords.bytesOf(bootstrap, ledger)
                : CommittedRecords.includingAborted(bootstrap, ledger)) {
            LedgerEntry entry = Topics.LEDGER.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (entry != null && users.contains(entry.userId())) {
                entries.putIfAbsent(entry.entryId(),
                        new Located(entry, new TopicPartition(record.topic(), record.partition()), record.offset()));
            }
        }
        return entries;
    }

    /** "user|entry id" to sequence. */
    private static Map<String, Long> rows(Stack stack, Set<Long> users) throws Exception {
        Map<String, Long> rows = new HashMap<>();
        try (Connection db = stack.database(); PreparedStatement query = db.prepareStatement(
                "select user_id, entry_id, sequence from credit_ledger where user_id = any (?)")) {
            query.setArray(1, db.createArrayOf("bigint", users.toArray()));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getLong(1) + "|" + result.getString(2), result.getLong(3));
                }
            }
        }
        return rows;
    }
}
