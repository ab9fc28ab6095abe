package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.events.OutboxMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One assignment of a {@code tg.outbox} partition to this notifier, as its records' calls see it. A record enters
 * it right before its first call and leaves it when it is finished or abandoned. Handing the partition over closes
 * it: records that have not called yet are no longer called here (they stay uncommitted, for the next owner), and
 * the handover waits until the records that did call are finished, so that their offsets are committed before the
 * partition goes: a rebalance sends nothing twice.
 */
final class PartitionTurn {

    private boolean handedOver;
    private int calling;

    /** This record's view of the turn, the lane it delivers in: a reply, never waiting for bulk traffic. */
    RecordTurn forRecord() {
        return new RecordTurn();
    }

    synchronized boolean handedOver() {
        return handedOver;
    }

    /**
     * Closes the turn and waits, at most {@code bound}, for the records that called to be finished.
     *
     * @return false when some were still calling at the bound (they may be sent again by the next owner)
     */
    synchronized boolean handOver(Duration bound) throws InterruptedException {
        handedOver = true;
        long deadline = System.nanoTime() + bound.toNanos();
        while (calling > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private synchronized boolean enter() {
        if (handedOver) {
            return false;
        }
        calling++;
        return true;
    }

    private synchronized void leave() {
        calling--;
        notifyAll();
    }

    final class RecordTurn implements Lane {

        private boolean inside;

        @Override
        public boolean awaitTurn() {
            return INTERACTIVE.awaitTurn();
        }

        @Override
        public boolean mayCall(OutboxMessage message) {
            return INTERACTIVE.mayCall(message);
        }

        /** False once the partition was handed over before this record called: it is the next owner's. */
        boolean mayGoOn() {
            synchronized (PartitionTurn.this) {
                return inside || !handedOver;
            }
        }

        @Override
        public boolean enterCall() {
            if (!inside) {
                inside = enter();
            }
            return inside;
        }

        /**
         * Runs {@code settle} (the record is finished) unless the partition was handed over before the record
         * called: then it is the next owner's, and its offset is not this turn's to commit.
         */
        void finish(Runnable settle) {
            synchronized (PartitionTurn.this) {
                if (inside || !handedOver) {
                    settle.run();
                }
            }
        }

        /** The record is finished or abandoned. */
        void leave() {
            if (inside) {
                inside = false;
                PartitionTurn.this.leave();
            }
        }
    }
}
