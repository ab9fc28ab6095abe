package io.contactdesk.localstack;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.TopicFollower;
import io.contactdesk.contracts.topics.TopicReader;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.testsupport.CommittedRecords;
import io.contactdesk.testsupport.SandboxClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a pre-checkout answer's time goes, hop by hop, for each payment (one JVM, one clock):
 * <ol>
 *   <li>the sandbox queued the {@code pre_checkout_query} and first handed it to {@code getUpdates} (its reply log);
 *   <li>the poller produced it to {@code tg.updates} (the record's timestamp, set by the poller's producer);
 *   <li>the processor's answer became readable on {@code tg.outbox.priority}: the time a read_committed follower
 *       started before the payments first saw it. Not the record's timestamp: Kafka Streams gives an output record
 *       its input's timestamp, so the answer carries the poller's time and would say nothing about the processor;
 *   <li>the sandbox received {@code answerPreCheckoutQuery} (its reply log). The notifier reads the same commit as the
 *       follower, so this last hop can come out near 0.
 * </ol>
 */
final class PreCheckoutHops implements AutoCloseable {

    private static final Duration AT_MOST = Duration.ofSeconds(30);

    /** One payment's pre-checkout, as {@code POST /sandbox/users/{id}/pay} names it. */
    record Query(long updateId, String queryId) {

        static Query of(JsonNode paid) {
            return new Query(paid.path("pre_checkout_update_id").asLong(), paid.path("pre_checkout_query_id").asText());
        }
    }

    /** One payment's five instants, in epoch microseconds. */
    private record Trace(long queued, long handedOut, long onUpdates, long answerReadable, long answered) {
    }

    private final LocalStack stack;
    private final Map<String, Long> answerReadableUs = new ConcurrentHashMap<>();
    private final TopicFollower follower;

    private PreCheckoutHops(LocalStack stack) {
        this.stack = stack;
        this.follower = new TopicFollower(stack.kafka().clientConfig(), "pre-checkout-hops",
                Topics.OUTBOX_PRIORITY.name(), TopicReader::seekToBeginning,
                TopicReader.decoding(Topics.OUTBOX_PRIORITY, entry -> {
                    OutboxMessage answer = entry.value();
                    if (answer != null && OutboxMessage.ANSWER_PRE_CHECKOUT_QUERY.equals(answer.method())) {
                        answerReadableUs.putIfAbsent(String.valueOf(answer.params().get("pre_checkout_query_id")),
                                nowUs());
                    }
                }), Clock.systemUTC());
    }

    /** Starts following tg.outbox.priority and returns once it has read what is there: call before the payments. */
    static PreCheckoutHops follow(LocalStack stack) throws InterruptedException {
        PreCheckoutHops hops = new PreCheckoutHops(stack);
        hops.follower.start();
        if (!hops.follower.awaitCaughtUp(AT_MOST)) {
            hops.close();
            throw new IllegalStateException("tg.outbox.priority was not read to its end within " + AT_MOST);
        }
        return hops;
    }

    /** The p50 / p99 / max (nearest rank) of each hop over {@code queries}, answered ones, as lines to print. */
    String report(List<Query> queries) {
        await().atMost(AT_MOST).until(() -> queries.stream().allMatch(q -> answerReadableUs.containsKey(q.queryId())));
        Map<Long, JsonNode> answers = sandboxAnswers();
        Map<Long, Long> producedMs = updatesProducedMs();
        List<Trace> traces = new ArrayList<>();
        for (Query query : queries) {
            JsonNode answer = answers.get(query.updateId());
            Long produced = producedMs.get(query.updateId());
            if (answer == null || produced == null) {
                throw new IllegalStateException("no trace of pre-checkout update " + query.updateId());
            }
            traces.add(new Trace(answer.path("enqueued_at_us").asLong(), answer.path("delivered_at_us").asLong(),
                    produced * 1_000, answerReadableUs.get(query.queryId()), answer.path("at_us").asLong()));
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "pre-checkout hops of %d payments, ms p50 / p99 / max:%n", traces.size()));
        hop(out, "queued in the sandbox -> handed to getUpdates", traces, t -> t.handedOut() - t.queued());
        hop(out, "handed out -> produced to tg.updates (poller)", traces, t -> t.onUpdates() - t.handedOut());
        hop(out, "tg.updates -> answer readable on tg.outbox.priority (processor)", traces,
                t -> t.answerReadable() - t.onUpdates());
        hop(out, "answer readable -> answerPreCheckoutQuery at the sandbox (notifier)", traces,
                t -> t.answered() - t.answerReadable());
        hop(out, "total, queued -> answered", traces, t -> t.answered() - t.queued());
        return out.toString();
    }

    private static void hop(StringBuilder out, String name, List<Trace> traces, ToLongFunction<Trace> micros) {
        List<Long> sorted = traces.stream().map(micros::applyAsLong).sorted().toList();
        out.append(String.format(Locale.ROOT, "  %-70s %7.1f / %7.1f / %7.1f%n", name, nearestRank(sorted, 0.50),
                nearestRank(sorted, 0.99), nearestRank(sorted, 1.0)));
    }

    /** In ms: with 5 payments p99 is the slowest; 100 give a p99 of its own. */
    private static double nearestRank(List<Long> sortedMicros, double quantile) {
        return sortedMicros.get((int) Math.ceil(sortedMicros.size() * quantile) - 1) / 1_000.0;
    }

    /** The sandbox's reply log entries of answered pre-checkout queries, by the query's update id. */
    private Map<Long, JsonNode> sandboxAnswers() {
        SandboxClient sandbox = new SandboxClient(stack.telegramApiUrl());
        Map<Long, JsonNode> answers = new HashMap<>();
        long after = 0;
        while (true) {
            JsonNode page = sandbox.replies(after).path("replies");
            for (JsonNode entry : page) {
                after = entry.path("seq").asLong();
                if (entry.path("method").asText().equals(OutboxMessage.ANSWER_PRE_CHECKOUT_QUERY)) {
                    answers.put(entry.path("update_id").asLong(), entry);
                }
            }
            if (page.isEmpty()) {
                return answers;
            }
        }
    }

    /**
     * When the poller produced each update to tg.updates (the first time, should it have produced one twice). The
     * stack is shared with other tests, which put broken records (empty, not JSON) straight onto the topic: those are
     * no one's update and are passed over.
     */
    private Map<Long, Long> updatesProducedMs() {
        Map<Long, Long> produced = new HashMap<>();
        for (ConsumerRecord<String, String> record : CommittedRecords.of(stack.kafkaBootstrapServers(), Topics.UPDATES)) {
            if (record.value() == null) {
                continue;
            }
            try {
                JsonNode update = Json.mapper().readTree(record.value());
                if (update != null && update.has("update_id")) {
                    produced.putIfAbsent(update.path("update_id").asLong(), record.timestamp());
                }
            } catch (IOException e) {
                // a hostile record, not an update
            }
        }
        return produced;
    }

    /** As the sandbox's reply log counts time. */
    private static long nowUs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    @Override
    public void close() {
        follower.close();
    }
}
