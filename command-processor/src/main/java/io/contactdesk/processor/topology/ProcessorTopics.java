package io.contactdesk.processor.topology;

import io.contactdesk.contracts.json.JsonSerde;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.broadcast.BroadcastRequest;
import io.contactdesk.processor.moderation.ModerationRequest;
import io.contactdesk.processor.stats.StatsShard;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The processor's own topics, between its sub-topologies: re-keyed account commands and moderation requests, and
 * the stats shards. Created with the same partition count as {@code tg.updates}, so account commands land on the
 * task that owns the user.
 */
public final class ProcessorTopics {

    public static final Topic<String, AccountCommand> ACCOUNT_COMMANDS = new Topic<>(
            "contactdesk.processor.account-commands", Serdes.String(), JsonSerde.of(AccountCommand.class), false,
            Duration.ofDays(7));

    public static final Topic<String, ModerationRequest> MODERATION = new Topic<>(
            "contactdesk.processor.moderation", Serdes.String(), JsonSerde.of(ModerationRequest.class), false,
            Duration.ofDays(7));

    /** Confirmed broadcasts, copied to every partition so that each task sends to the users it owns. */
    public static final Topic<String, BroadcastRequest> BROADCAST_REQUESTS = new Topic<>(
            "contactdesk.processor.broadcast-requests", Serdes.String(), JsonSerde.of(BroadcastRequest.class), false,
            Duration.ofDays(7));

    public static final Topic<String, StatsShard> STATS = new Topic<>(
            "contactdesk.processor.stats", Serdes.String(), JsonSerde.of(StatsShard.class), true, null);

    /**
     * Records of the processor's own topics that cannot be deserialized: Kafka Streams puts them here with the error in
     * the headers, and the stream moves on. (The global stores' topics skip such records with a log line instead.)
     */
    public static final String DEAD_LETTERS = Topics.PROCESSOR_STREAMS_DLQ;

    private ProcessorTopics() {
    }
}
