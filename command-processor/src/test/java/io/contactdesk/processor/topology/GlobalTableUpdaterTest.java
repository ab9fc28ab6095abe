package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.json.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The updater of a global store ({@code directory}, {@code stats-shards}) alone, fed records of its compacted topic
 * through a mock context: the store holds the topic's latest value per key, and nothing it reads stops it.
 */
class GlobalTableUpdaterTest {

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final JsonSerde<Listing> LISTINGS = JsonSerde.of(Listing.class);

    private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    private final GlobalTableUpdater<Listing> updater =
            new GlobalTableUpdater<>(CommandTopology.DIRECTORY_STORE, "listings", LISTINGS.deserializer());
    private KeyValueStore<String, Listing> directory;

    @BeforeEach
    void init() {
        // A global store keeps no changelog: the topic is its log.
        directory = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CommandTopology.DIRECTORY_STORE),
                Serdes.String(), LISTINGS).withLoggingDisabled().build();
        directory.init(context.getStateStoreContext(), directory);
        context.addStateStore(directory);
        updater.init(context);
    }

    private static Listing listing(String title) {
        return new Listing("s1", title, "Plumbing", "Lisbon", "Fixes leaks", "v1:sealed", ListingStatus.ACTIVE, 42, T0,
                null, null, T0);
    }

    private void read(String key, byte[] value) {
        updater.process(new Record<>(key, value, T0.toEpochMilli()));
    }

    private static byte[] bytes(Listing listing) {
        return LISTINGS.serializer().serialize("listings", listing);
    }

    @Test
    void theStoreHoldsTheLatestValueOfEachKey() {
        read("s1", bytes(listing("Plumber")));
        read("s1", bytes(listing("Reliable plumber")));

        assertThat(directory.get("s1").title()).isEqualTo("Reliable plumber");
    }

    @Test
    void aTombstoneDeletesItsKey() {
        read("s1", bytes(listing("Plumber")));

        read("s1", null);

        assertThat(directory.get("s1")).isNull();
    }

    @Test
    void anUnreadableRecordIsSkippedAndTheValueBeforeItStays() {
        read("s1", bytes(listing("Plumber")));

        read("s1", "{not json".getBytes(StandardCharsets.UTF_8));

        assertThat(directory.get("s1").title()).isEqualTo("Plumber");
    }

    @Test
    void aRecordWithoutAKeyIsIgnored() {
        read(null, bytes(listing("Plumber")));

        assertThat(directory.approximateNumEntries()).isZero();
    }
}
