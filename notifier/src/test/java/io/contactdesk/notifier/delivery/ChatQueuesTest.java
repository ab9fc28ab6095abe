package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatQueuesTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ChatQueues chats = new ChatQueues(threads);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void oneChatsTasksRunOneAtATimeInTheOrderSubmitted() {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        for (int i = 0; i < 50; i++) {
            int task = i;
            chats.submit("42", () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                ran.add(task);
                running.decrementAndGet();
            });
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 50);
        assertThat(ran).isSorted();
        assertThat(mostAtOnce).hasValue(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> chats.busyChats() == 0);
    }

    @Test
    void aChatWhoseTaskWaitsHoldsUpNoOtherChat() throws InterruptedException {
        // given a chat whose reply waits (for its flood limit, say), and a second reply queued behind it
        CountDownLatch limit = new CountDownLatch(1);
        List<String> sent = new CopyOnWriteArrayList<>();
        chats.submit("flooded", () -> {
            awaitQuietly(limit);
            sent.add("flooded 1");
        });
        chats.submit("flooded", () -> sent.add("flooded 2"));

        // when other chats get replies meanwhile
        chats.submit("other-1", () -> sent.add("other-1"));
        chats.submit("other-2", () -> sent.add("other-2"));

        // then theirs go out while the flooded chat still waits, and its own keep their order after
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 2);
        assertThat(sent).containsExactlyInAnyOrder("other-1", "other-2");
        limit.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 4);
        assertThat(sent.subList(2, 4)).containsExactly("flooded 1", "flooded 2");
    }

    @Test
    void aTaskThatThrowsDoesNotStrandItsChatsQueue() {
        List<String> ran = new CopyOnWriteArrayList<>();
        chats.submit("42", () -> {
            throw new IllegalStateException("planted");
        });
        chats.submit("42", () -> ran.add("next"));

        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
