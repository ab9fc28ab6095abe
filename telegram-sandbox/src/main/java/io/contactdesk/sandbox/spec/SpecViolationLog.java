package io.contactdesk.sandbox.spec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The violations the sandbox has seen, so that a test can assert there were none: a count of all of them and the
 * latest {@value #KEPT}, which bounds memory in a long benchmark that keeps making the same mistake.
 */
public final class SpecViolationLog {

    public static final int KEPT = 1_000;

    private final Deque<SpecViolation> latest = new ArrayDeque<>();
    private long total;

    public synchronized void record(SpecViolation violation) {
        if (latest.size() == KEPT) {
            latest.removeFirst();
        }
        latest.addLast(violation);
        total++;
    }

    public synchronized long total() {
        return total;
    }

    /** Oldest first. */
    public synchronized List<SpecViolation> latest() {
        return List.copyOf(latest);
    }
}
