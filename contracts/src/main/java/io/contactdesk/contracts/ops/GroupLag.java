package io.contactdesk.contracts.ops;

import java.util.List;

/** A consumer group's lag per partition, ordered by topic and partition as the tool prints them. */
public record GroupLag(String group, List<PartitionLag> partitions) {

    public GroupLag {
        partitions = List.copyOf(partitions);
    }

    /** The sum of the known lags; partitions without a committed offset count for nothing. */
    public long totalLag() {
        return partitions.stream().filter(PartitionLag::lagKnown).mapToLong(PartitionLag::lag).sum();
    }

    /** Partitions whose lag is unknown (no committed offset, or no log end offset). */
    public long unknownPartitions() {
        return partitions.stream().filter(p -> !p.lagKnown()).count();
    }
}
