package io.contactdesk.processor.directory;

import java.util.List;
import java.util.Optional;

/** One page of a list shown with ◀ Prev / Next ▶ buttons; {@code number} counts from 1. */
public record Page<T>(List<T> items, int number, int count) {

    public static final int SIZE = 5;

    /** The requested page, or empty when it is past the end (a stale or forged button). */
    public static <T> Optional<Page<T>> of(List<T> all, int number) {
        int count = Math.max(1, (all.size() + SIZE - 1) / SIZE);
        if (number < 1 || number > count) {
            return Optional.empty();
        }
        int from = (number - 1) * SIZE;
        return Optional.of(new Page<>(List.copyOf(all.subList(from, Math.min(all.size(), from + SIZE))), number, count));
    }

    public boolean hasPrevious() {
        return number > 1;
    }

    public boolean hasNext() {
        return number < count;
    }
}
