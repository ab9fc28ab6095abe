package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StagingTest {

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private KeyValueStore<Long, String> store;
    private Staging staging;

    @BeforeEach
    void givenAStoreHoldingOneValue() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("names"), Serdes.Long(), Serdes.String())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        store.put(1L, "Ada");
        staging = new Staging(context);
    }

    @Test
    void writesAreReadBackAtOnceButReachTheStoreAndTheSinksOnlyOnCommit() {
        Staging.Staged<Long, String> names = staging.store("names");

        names.put(1L, "Grace");
        names.put(2L, "Linus");
        names.delete(2L);
        staging.forward("outbox", "1", "hello", 5);

        assertThat(names.get(1L)).isEqualTo("Grace");
        assertThat(names.get(2L)).isNull();
        assertThat(store.get(1L)).isEqualTo("Ada");
        assertThat(context.forwarded()).isEmpty();

        staging.commit();

        assertThat(store.get(1L)).isEqualTo("Grace");
        assertThat(store.get(2L)).isNull();
        List<CapturedForward<? extends String, ?>> out = context.forwarded();
        assertThat(out).singleElement().satisfies(forward -> {
            assertThat(forward.childName()).contains("outbox");
            assertThat(forward.record().value()).isEqualTo("hello");
        });
    }

    @Test
    void afterAFailedHandlingNothingItWroteSurvives() {
        Staging.Staged<Long, String> names = staging.store("names");
        names.put(1L, "Mallory");
        names.delete(1L);
        staging.forward("outbox", "1", "half a reply", 5);

        staging.discard();
        staging.commit();

        assertThat(store.get(1L)).isEqualTo("Ada");
        assertThat(names.get(1L)).isEqualTo("Ada");
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void oneStoreHasOneViewSoEveryReaderSeesTheSamePendingWrites() {
        staging.<Long, String>store("names").put(1L, "Grace");

        assertThat(staging.<Long, String>store("names").get(1L)).isEqualTo("Grace");
    }
}
