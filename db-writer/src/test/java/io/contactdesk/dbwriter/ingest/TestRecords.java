package io.contactdesk.dbwriter.ingest;

import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.dbwriter.audit.AuditTable;
import io.contactdesk.dbwriter.ledger.LedgerTable;
import io.contactdesk.dbwriter.listings.ListingsTable;
import io.contactdesk.dbwriter.unlocks.UnlocksTable;
import io.contactdesk.dbwriter.users.UsersTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Consumed records as the container hands them over, written with the topics' own serdes. */
final class TestRecords {

    static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    private TestRecords() {
    }

    static TopicTables tables() {
        return new TopicTables(
                List.of(new UsersTable(), new LedgerTable(), new ListingsTable(), new UnlocksTable(), new AuditTable()));
    }

    static ConsumerRecord<String, byte[]> record(Topic<String, ?> topic, long offset, String key, byte[] value) {
        return new ConsumerRecord<>(topic.name(), 0, offset, key, value);
    }

    static <V> ConsumerRecord<String, byte[]> record(Topic<String, V> topic, long offset, String key, V value) {
        return record(topic, offset, key, topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static LedgerEntry entry(String id, long userId) {
        return new LedgerEntry(id, userId, 1, 1, LedgerKind.GRANT, null, "update:1", AT);
    }

    /** A listing as the processor publishes it; {@code sealedContact} is whatever the test needs. */
    static Listing listing(String listingId, String sealedContact, Instant updatedAt) {
        return new Listing(listingId, "Plumber", "home", "Berlin", null, sealedContact, ListingStatus.PENDING, 42, AT,
                null, null, updatedAt);
    }

    static UserProfile profile(long userId, Instant updatedAt) {
        return new UserProfile(userId, "u" + userId, null, "en", false, false, false, AT, updatedAt);
    }
}
