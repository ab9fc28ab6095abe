package io.contactdesk.poller.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.UpdateRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The ingress against a Bot API queue that behaves like telegram-bot-api's ({@link FakeUpdateQueue}), one poll at a
 * time, as {@link IngressLoop} drives it: read the answer, publish the batch, move the cursor only once committed.
 */
class IngressCursorTest {

    private final List<UpdateRef> published = new ArrayList<>();

    /** One round of the loop: poll, publish (commit), advance. Returns the batch. */
    private IngressCursor.Batch pollAndCommit(Ingress ingress, FakeUpdateQueue telegram) {
        IngressCursor.Batch batch = ingress.cursor.read(telegram.poll(ingress.cursor.requestOffset()));
        if (!batch.isEmpty()) {
            batch.updates().forEach(u -> published.add(new UpdateRef(batch.epoch(), u.updateId())));
            ingress.cursor = ingress.cursor.after(batch);
        }
        return batch;
    }

    /** What tg.ingress-offsets holds, as the loop keeps it in memory. */
    private static final class Ingress {
        IngressCursor cursor;

        Ingress(IngressCursor cursor) {
            this.cursor = cursor;
        }
    }

    private static List<UpdateRef> refs(long epoch, List<Long> ids) {
        return ids.stream().map(id -> new UpdateRef(epoch, id)).toList();
    }

    @Test
    void aFirstStartAsksWithoutAnOffsetAndPublishesTheQueueFromItsHeadInEpochZero() {
        // given nothing published yet, and a queue whose ids start high
        FakeUpdateQueue telegram = new FakeUpdateQueue(700_000);
        List<Long> ids = telegram.add(3);
        Ingress ingress = new Ingress(IngressCursor.resumeAfter(Optional.empty()));

        // when it polls
        assertThat(ingress.cursor.requestOffset()).isZero();
        IngressCursor.Batch batch = pollAndCommit(ingress, telegram);

        // then everything is published in epoch 0, and no restart is seen in ids that merely start high
        assertThat(batch.restart()).isEmpty();
        assertThat(published).containsExactlyElementsOf(refs(0, ids));
        assertThat(ingress.cursor).isEqualTo(new IngressCursor(0, 700_003));
    }

    @Test
    void updatesAboveTheOffsetAreConfirmedByTheNextPollAndPublishedOnceInTheSameEpoch() {
        // given an ingress in epoch 2 that published up to 500
        FakeUpdateQueue telegram = new FakeUpdateQueue(501);
        Ingress ingress = new Ingress(IngressCursor.resumeAfter(Optional.of(new UpdateRef(2, 500))));

        // when users write across several polls
        List<Long> first = telegram.add(2);
        pollAndCommit(ingress, telegram);
        List<Long> second = telegram.add(1);
        pollAndCommit(ingress, telegram);
        pollAndCommit(ingress, telegram);

        // then each is published once, in epoch 2, and Telegram holds nothing more
        assertThat(published).containsExactlyElementsOf(refs(2, List.of(first.get(0), first.get(1), second.get(0))));
        assertThat(telegram.pending()).isEmpty();
    }

    @Test
    void idsRestartedBelowTheOffsetArePublishedOnceEachInTheNextEpoch() {
        // given an ingress that published everything up to 9_000 in epoch 0
        FakeUpdateQueue telegram = new FakeUpdateQueue(8_990);
        telegram.add(11);
        Ingress ingress = new Ingress(IngressCursor.START);
        pollAndCommit(ingress, telegram);
        pollAndCommit(ingress, telegram); // the quiet polls that followed confirmed them
        published.clear();

        // when Telegram restarts its ids far below, and users write
        telegram.restartIdsAt(120);
        List<Long> restarted = telegram.add(3);
        IngressCursor.Batch batch = pollAndCommit(ingress, telegram);
        List<Long> later = telegram.add(2);
        pollAndCommit(ingress, telegram);
        pollAndCommit(ingress, telegram);

        // then the restart is recognised once, from the offset asked with to the new first id
        assertThat(batch.restart()).contains(new IngressCursor.Restart(9_001, 120, 1));
        // and every update is published exactly once, all in epoch 1, and confirmed to Telegram
        assertThat(published).containsExactlyElementsOf(refs(1, concat(restarted, later)));
        assertThat(telegram.pending()).isEmpty();
        assertThat(ingress.cursor).isEqualTo(new IngressCursor(1, 125));
    }

    @Test
    void idsRestartedAboveTheOffsetAreNoRestart() {
        // given an ingress in epoch 1 that published up to 300
        FakeUpdateQueue telegram = new FakeUpdateQueue(301);
        Ingress ingress = new Ingress(IngressCursor.resumeAfter(Optional.of(new UpdateRef(1, 300))));

        // when Telegram's new ids start above it
        telegram.restartIdsAt(5_000_000);
        List<Long> ids = telegram.add(2);
        IngressCursor.Batch batch = pollAndCommit(ingress, telegram);

        // then they are new updates of the same epoch
        assertThat(batch.restart()).isEmpty();
        assertThat(published).containsExactlyElementsOf(refs(1, ids));
    }

    @Test
    void aPollerThatDiesBeforeCommittingARestartRecognisesItAgainInTheSameEpoch() {
        // given epoch 4 stored up to 9_000, and Telegram's ids restarted below
        FakeUpdateQueue telegram = new FakeUpdateQueue(100);
        List<Long> restarted = telegram.add(2);
        IngressCursor stored = IngressCursor.resumeAfter(Optional.of(new UpdateRef(4, 9_000)));

        // when a poller reads the restart but dies before its batch commits (nothing reaches tg.ingress-offsets)
        IngressCursor.Batch lost = stored.read(telegram.poll(stored.requestOffset()));
        assertThat(lost.epoch()).isEqualTo(5);
        // and the next one resumes from what is stored
        Ingress ingress = new Ingress(IngressCursor.resumeAfter(Optional.of(new UpdateRef(4, 9_000))));
        IngressCursor.Batch batch = pollAndCommit(ingress, telegram);

        // then the first poll confirmed nothing, and the same updates start the same epoch: not 6, not lost
        assertThat(batch.restart()).contains(new IngressCursor.Restart(9_001, 100, 5));
        assertThat(published).containsExactlyElementsOf(refs(5, restarted));
    }

    @Test
    void anUpdateIdAtIntegerMaxValueIsAskedForAgainButNotPublishedTwice() {
        // given the last update published had the highest 32-bit id (telegram-bot-api stops at 2e9; a fake may not)
        FakeUpdateQueue telegram = new FakeUpdateQueue(Integer.MAX_VALUE);
        telegram.add();
        Ingress ingress = new Ingress(IngressCursor.resumeAfter(Optional.of(new UpdateRef(0, Integer.MAX_VALUE - 1))));
        pollAndCommit(ingress, telegram);

        // when the next offset does not fit getUpdates' 32-bit offset
        assertThat(ingress.cursor.requestOffset()).isEqualTo(Integer.MAX_VALUE);
        IngressCursor.Batch repeated = pollAndCommit(ingress, telegram);

        // then the update Telegram repeats is not published again (nor taken for a restart), and the cursor stays
        assertThat(repeated.isEmpty()).isTrue();
        assertThat(repeated.restart()).isEmpty();
        assertThat(published).containsExactly(new UpdateRef(0, Integer.MAX_VALUE));
        assertThat(ingress.cursor).isEqualTo(new IngressCursor(0, Integer.MAX_VALUE + 1L));
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
