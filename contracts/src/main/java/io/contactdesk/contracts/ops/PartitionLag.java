package io.contactdesk.contracts.ops;

/**
 * One row of {@code kafka-consumer-groups --describe}.
 *
 * @param committed the group's committed offset; {@code null} when it has none (the tool prints '-')
 * @param logEnd the high watermark (the tool's LOG-END-OFFSET); {@code null} when the broker could not say
 * @param lag {@code logEnd - committed}; {@code null} (unknown) when either is missing
 */
public record PartitionLag(String topic, int partition, Long committed, Long logEnd, Long lag) {

    public boolean lagKnown() {
        return lag != null;
    }
}
