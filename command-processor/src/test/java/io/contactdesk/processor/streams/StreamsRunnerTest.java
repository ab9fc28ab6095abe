package io.contactdesk.processor.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.topology.CommandTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class StreamsRunnerTest {

    @Test
    void theTopicsToWaitForAreEverySourceAndEveryGlobalStoresTopic() {
        var topology = new CommandTopology(new CommandRouter(TestRules.rules()), new SimpleMeterRegistry(), 12).build();

        // and nothing else: the live state of the pipeline (ops.heartbeats, lag) is the ops console's input, not ours
        assertThat(StreamsRunner.sourceTopics(topology)).containsExactlyInAnyOrder("tg.updates", "tg.delivery-reports",
                "contactdesk.processor.account-commands", "contactdesk.processor.moderation",
                "contactdesk.processor.broadcast-requests", "listings", "contactdesk.processor.stats");
    }
}
