package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.commands.CommandRouter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class CommandTopologyShapeTest {

    /**
     * Kafka Streams numbers sub-topologies in the order their nodes are added, and the number is the first half of
     * every task id (state directories, partition assignment): a reordered {@code build()} that renumbered them would
     * make running instances and upgraded ones disagree about their tasks and restore every store from its changelog.
     */
    @Test
    void theHandlersKeepSubTopology2AfterTheTwoGlobalStores() {
        TopologyDescription description = new CommandTopology(new CommandRouter(TestRules.rules()),
                new SimpleMeterRegistry(), 12).build().describe();

        assertThat(description.globalStores()).extracting(store -> store.id()).containsExactlyInAnyOrder(0, 1);
        assertThat(description.subtopologies()).singleElement().satisfies(handlers -> {
            assertThat(handlers.id()).isEqualTo(2);
            assertThat(handlers.nodes()).extracting(TopologyDescription.Node::name).contains(CommandTopology.UPDATE_HANDLER,
                    CommandTopology.ACCOUNT_COMMAND_HANDLER, CommandTopology.DELIVERY_REPORT_HANDLER,
                    CommandTopology.BROADCAST_HANDLER, CommandTopology.MODERATION_HANDLER);
        });
    }
}
