package io.contactdesk.processor.directory;

import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Read access to the listings every task sees (a global store fed by the compacted {@code listings} topic). Only
 * active listings are shown to users; newest first.
 */
public interface Directory {

    Optional<Listing> find(String listingId);

    List<Listing> all();

    /**
     * The id a listing lives under now: a re-keyed listing's old id leads to its new one ({@link Listing#movedTo}),
     * so buttons already in chats and unlocks made before the re-key keep working. A few hops at most, so a cycle
     * written by mistake cannot hang a task.
     */
    default String current(String listingId) {
        String id = listingId;
        for (int hop = 0; hop < 4; hop++) {
            Optional<String> next = find(id).map(Listing::movedTo);
            if (next.isEmpty()) {
                return id;
            }
            id = next.get();
        }
        return id;
    }

    default Optional<Listing> active(String listingId) {
        return find(listingId).filter(listing -> listing.status() == ListingStatus.ACTIVE);
    }

    default List<Listing> inCategory(String category) {
        return activeWhere(listing -> category.equals(listing.category()));
    }

    /** Every word must appear (case-insensitive) in the title, category, city or description. */
    default List<Listing> search(String words) {
        List<String> terms = List.of(words.toLowerCase(Locale.ROOT).trim().split("\\s+"));
        return activeWhere(listing -> {
            String haystack = String.join(" ", nullToEmpty(listing.title()), nullToEmpty(listing.category()),
                    nullToEmpty(listing.city()), nullToEmpty(listing.description())).toLowerCase(Locale.ROOT);
            return terms.stream().allMatch(haystack::contains);
        });
    }

    default long count(ListingStatus status) {
        return all().stream().filter(listing -> listing.status() == status).count();
    }

    private List<Listing> activeWhere(Predicate<Listing> filter) {
        List<Listing> found = new ArrayList<>();
        for (Listing listing : all()) {
            if (listing.status() == ListingStatus.ACTIVE && filter.test(listing)) {
                found.add(listing);
            }
        }
        found.sort(Comparator.comparing(Directory::publishedAt).reversed().thenComparing(Listing::listingId));
        return found;
    }

    static Instant publishedAt(Listing listing) {
        Instant at = listing.decidedAt() != null ? listing.decidedAt() : listing.submittedAt();
        return at != null ? at : Instant.EPOCH;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
