package io.contactdesk.processor.topology;

import io.contactdesk.contracts.json.JsonSerde;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.dedupe.SeenUpdates;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's pipeline, top to bottom: updates in → parse, dedupe, handle (accounts store) → replies, profiles,
 * ledger entries and dead letters out. Stores are changelogged, so with exactly-once a crash repeats nothing.
 */
public final class CommandTopology {

    static final String SOURCE = "updates";
    static final String HANDLER = "handle-update";
    static final String OUTBOX_SINK = "outbox";
    static final String USERS_SINK = "users";
    static final String LEDGER_SINK = "ledger";
    static final String DEAD_LETTER_SINK = "updates-dead-letters";
    public static final String ACCOUNTS_STORE = "accounts";

    private final CommandRouter router;
    private final MeterRegistry meters;

    public CommandTopology(CommandRouter router, MeterRegistry meters) {
        this.router = router;
        this.meters = meters;
    }

    public Topology build() {
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.String().deserializer(), Topics.UPDATES.name());
        topology.addProcessor(HANDLER, () -> new UpdateHandler(router, new UpdateMetrics(meters)), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SeenUpdates.STORE), Serdes.Long(), Serdes.Long()), HANDLER);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ACCOUNTS_STORE), Serdes.Long(), JsonSerde.of(Account.class)), HANDLER);
        sink(topology, OUTBOX_SINK, Topics.OUTBOX);
        sink(topology, USERS_SINK, Topics.USERS);
        sink(topology, LEDGER_SINK, Topics.LEDGER);
        sink(topology, DEAD_LETTER_SINK, Topics.UPDATES_DLQ);
        return topology;
    }

    @SuppressWarnings("unchecked")
    private static void sink(Topology topology, String name, Topic<String, ?> topic) {
        topology.addSink(name, topic.name(), topic.keySerde().serializer(),
                (Serializer<Object>) topic.valueSerde().serializer(), HANDLER);
    }
}
