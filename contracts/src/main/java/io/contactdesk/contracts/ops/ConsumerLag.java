package io.contactdesk.contracts.ops;

import io.contactdesk.contracts.config.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Consumer lag as the broker sees it, computed exactly as {@code kafka-consumer-groups --describe} does, so it is
 * there even when the consuming service is down (when its own client metrics are gone):
 * <ul>
 * <li>the partitions shown are those assigned to the group's members and those the group has committed offsets
 * for;</li>
 * <li>committed offsets come from {@code listConsumerGroupOffsets}; a partition without one has an unknown lag
 * (the tool prints '-');</li>
 * <li>the log end offset is {@code listOffsets(latest)} with default options (read-uncommitted: the high
 * watermark), and lag = log end offset − committed offset.</li>
 * </ul>
 */
public final class ConsumerLag implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final boolean ownsAdmin;
    private final Duration timeout;

    /** Uses the given Admin client, which stays the caller's to close. */
    public ConsumerLag(Admin admin, Duration timeout) {
        this(admin, false, timeout);
    }

    private ConsumerLag(Admin admin, boolean ownsAdmin, Duration timeout) {
        this.admin = admin;
        this.ownsAdmin = ownsAdmin;
        this.timeout = timeout;
    }

    /** Connects its own Admin client (closed by {@link #close()}). */
    public static ConsumerLag connect(Map<String, Object> adminConfig) {
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "contactdesk-consumer-lag");
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis());
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new ConsumerLag(Admin.create(config), true, DEFAULT_TIMEOUT);
    }

    public static ConsumerLag connect(KafkaConnection kafka) {
        return connect(kafka.clientConfig());
    }

    /** Every consumer group's lag (classic and new-protocol consumer groups, Kafka Streams apps included). */
    public List<GroupLag> all() {
        Collection<GroupListing> listings = get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all());
        List<String> groups = listings.stream().map(GroupListing::groupId).sorted().toList();
        return groups(groups);
    }

    /** One group's lag; a group the broker does not know has no partitions. */
    public GroupLag group(String group) {
        return groups(List.of(group)).get(0);
    }

    /** The groups' lags, in the order given, with one listOffsets request for all their partitions. */
    public List<GroupLag> groups(List<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<ConsumerGroupDescription>> described = admin.describeConsumerGroups(groups,
                new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs())).describedGroups();
        Map<String, Set<TopicPartition>> assigned = new LinkedHashMap<>();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
        Set<TopicPartition> all = new TreeSet<>(ORDER);
        for (String group : groups) {
            Set<TopicPartition> members = new TreeSet<>(ORDER);
            try {
                for (MemberDescription member : get(described.get(group)).members()) {
                    members.addAll(member.assignment().topicPartitions());
                }
            } catch (GroupIdNotFoundException e) {
                // gone since it was listed (or never existed): only committed offsets, if any, remain
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            try {
                get(admin.listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs()))
                        .partitionsToOffsetAndMetadata()).forEach((tp, offset) -> {
                            if (offset != null) {
                                offsets.put(tp, offset);
                            }
                        });
            } catch (GroupIdNotFoundException e) {
                // no offsets
            }
            assigned.put(group, members);
            committed.put(group, offsets);
            all.addAll(members);
            all.addAll(offsets.keySet());
        }
        Map<TopicPartition, Long> logEnd = logEndOffsets(all);
        List<GroupLag> result = new ArrayList<>();
        for (String group : groups) {
            result.add(compute(group, assigned.get(group), committed.get(group), logEnd));
        }
        return result;
    }

    /**
     * The tool's arithmetic, as a pure function: rows for assigned and committed partitions, lag = log end −
     * committed when both are known (a committed offset of -1 counts as none).
     */
    public static GroupLag compute(String group, Collection<TopicPartition> assigned,
            Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> logEnd) {
        Set<TopicPartition> partitions = new TreeSet<>(ORDER);
        partitions.addAll(assigned);
        partitions.addAll(committed.keySet());
        List<PartitionLag> rows = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata offset = committed.get(tp);
            Long committedOffset = offset == null || offset.offset() < 0 ? null : offset.offset();
            Long end = logEnd.get(tp);
            Long lag = committedOffset == null || end == null ? null : end - committedOffset;
            rows.add(new PartitionLag(tp.topic(), tp.partition(), committedOffset, end, lag));
        }
        return new GroupLag(group, rows);
    }

    /** The high watermark of each partition; a partition the broker cannot answer for is left out. */
    public Map<TopicPartition, Long> logEndOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (partitions.isEmpty()) {
            return ends;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(request, new ListOffsetsOptions().timeoutMs(timeoutMs()));
        for (TopicPartition tp : partitions) {
            try {
                ends.put(tp, get(result.partitionResult(tp)).offset());
            } catch (RuntimeException e) {
                // unknown for this partition (deleted topic, no leader): as the tool, show no lag for it
            }
        }
        return ends;
    }

    /**
     * The sum of the log end offsets of each topic's partitions (for a dead-letter topic: how many records it ever
     * received); topics that do not exist are left out.
     */
    public Map<String, Long> topicEndOffsets(Collection<String> topics) {
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, Long> sums = new LinkedHashMap<>();
        for (String topic : topics) {
            try {
                get(described.get(topic)).partitions()
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                sums.put(topic, 0L);
            } catch (RuntimeException e) {
                // no such topic (yet)
            }
        }
        logEndOffsets(partitions).forEach((tp, end) -> sums.merge(tp.topic(), end, Long::sum));
        return sums;
    }

    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private int timeoutMs() {
        return (int) timeout.toMillis();
    }

    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the broker within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    @Override
    public void close() {
        if (ownsAdmin) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
