package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A partition handed over while its records are in flight: what is called, settled and waited for. */
class PartitionTurnTest {

    private final PartitionTurn turn = new PartitionTurn();

    @Test
    void aRecordThatHasNotCalledIsNotCalledOnceItsPartitionIsHandedOver() throws InterruptedException {
        PartitionTurn.RecordTurn waiting = turn.forRecord();

        assertThat(turn.handOver(Duration.ofSeconds(1))).isTrue();

        assertThat(waiting.enterCall()).isFalse();
        assertThat(waiting.mayGoOn()).isFalse();
        AtomicBoolean settled = new AtomicBoolean();
        waiting.finish(() -> settled.set(true));
        assertThat(settled).as("its offset is the next owner's").isFalse();
    }

    @Test
    void theHandoverWaitsForARecordThatCalledAndCountsItSettled() {
        // given a record whose call is under way
        PartitionTurn.RecordTurn calling = turn.forRecord();
        assertThat(calling.enterCall()).isTrue();

        // when the partition is handed over
        CompletableFuture<Boolean> handover = CompletableFuture.supplyAsync(() -> {
            try {
                return turn.handOver(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        // then the handover waits for it, and its retries may still call
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !handover.isDone());
        assertThat(calling.enterCall()).isTrue();
        assertThat(calling.mayGoOn()).isTrue();

        // and once it is finished it counts as settled and the handover goes on
        AtomicBoolean settled = new AtomicBoolean();
        calling.finish(() -> settled.set(true));
        calling.leave();
        await().atMost(Duration.ofSeconds(5)).until(handover::isDone);
        assertThat(handover.join()).isTrue();
        assertThat(settled).isTrue();
    }

    @Test
    void aHandoverGivesUpWaitingAtItsBound() throws InterruptedException {
        assertThat(turn.forRecord().enterCall()).isTrue();

        assertThat(turn.handOver(Duration.ofMillis(50))).isFalse();
    }
}
