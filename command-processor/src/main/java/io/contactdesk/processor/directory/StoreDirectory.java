package io.contactdesk.processor.directory;

import io.contactdesk.contracts.events.Listing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The directory as the global {@code directory} store holds it (a full copy of the compacted listings topic). */
public final class StoreDirectory implements Directory {

    private final ReadOnlyKeyValueStore<String, Listing> store;

    public StoreDirectory(ReadOnlyKeyValueStore<String, Listing> store) {
        this.store = store;
    }

    @Override
    public Optional<Listing> find(String listingId) {
        return listingId == null || listingId.isBlank() ? Optional.empty() : Optional.ofNullable(store.get(listingId));
    }

    @Override
    public List<Listing> all() {
        List<Listing> listings = new ArrayList<>();
        try (KeyValueIterator<String, Listing> all = store.all()) {
            all.forEachRemaining(entry -> listings.add(entry.value));
        }
        return listings;
    }
}
