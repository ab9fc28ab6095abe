package io.contactdesk.contracts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class HeartbeatPublisherTest {

    @Test
    void snapshotDescribesThisInstance() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
        HeartbeatPublisher publisher = new HeartbeatPublisher("notifier",
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"), () -> "UP", Duration.ofSeconds(10),
                clock);
        clock.advance(Duration.ofMinutes(5));

        Heartbeat beat = publisher.snapshot("UP");

        assertThat(beat.service()).isEqualTo("notifier");
        assertThat(beat.instance()).isEqualTo(InstanceIdentity.instance());
        assertThat(beat.host()).isEqualTo(InstanceIdentity.host());
        assertThat(beat.startedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(beat.at()).isEqualTo(Instant.parse("2026-11-01T10:05:00Z"));
        assertThat(beat.state()).isEqualTo("UP");
        assertThat(beat.heapUsedBytes()).isPositive();
        assertThat(beat.heapMaxBytes()).isNotZero();
        assertThat(beat.key()).isEqualTo(publisher.key()).isEqualTo("notifier/" + InstanceIdentity.instance());
    }

    @Test
    void snapshotCarriesTheIdsOfTheKeyringsKeysNeverTheKeys() {
        String k1 = ContactCipher.generateKeyringEntry("k1");
        String k2 = ContactCipher.generateKeyringEntry("k2");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of(ContactCipher.VARIABLE, k2 + ":" + ContactCipher.DECRYPT_ONLY + "," + k1)));
        HeartbeatPublisher publisher = new HeartbeatPublisher("notifier",
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"), () -> "UP", Duration.ofSeconds(10),
                new MutableClock(Instant.now()), HeartbeatConfiguration.keyIds(environment));

        Heartbeat beat = publisher.snapshot("UP");

        assertThat(beat.keyIds()).containsExactly("k1", "k2");
        assertThat(Json.mapper().valueToTree(beat).toString())
                .doesNotContain(k1.substring(3), k2.substring(3));
        assertThat(HeartbeatConfiguration.keyIds(new StandardEnvironment())).as("no keyring, no key ids").isEmpty();
    }

    @Test
    void snapshotCarriesTheInstancesFactsInTheirOrderAndSurvivesTheTopicsSerde() {
        Map<String, String> said = new LinkedHashMap<>();
        said.put("ingress", "webhook");
        said.put("webhook.pending_update_count", "7");
        HeartbeatPublisher publisher = new HeartbeatPublisher("ingress-poller",
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"), () -> "UP", () -> said,
                Duration.ofSeconds(10), new MutableClock(Instant.now()), List.of());

        Heartbeat beat = publisher.snapshot("UP");
        var serde = Topics.HEARTBEATS.valueSerde();
        Heartbeat read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", beat));

        assertThat(read.facts()).containsExactly(Map.entry("ingress", "webhook"),
                Map.entry("webhook.pending_update_count", "7"));
    }

    @Test
    void factsThatCannotBeReadLeaveTheHeartbeatWithoutFacts() {
        HeartbeatPublisher publisher = new HeartbeatPublisher("ingress-poller",
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"), () -> "UP",
                () -> { throw new IllegalStateException("not yet"); },
                Duration.ofSeconds(10), new MutableClock(Instant.now()), List.of());

        assertThat(publisher.snapshot("UP").facts()).isEmpty();
        assertThat(Json.mapper().convertValue(Map.of("service", "old", "heapUsedBytes", 1, "heapMaxBytes", 2),
                Heartbeat.class).facts())
                .as("a heartbeat from an instance too old to say").isEmpty();
    }

    @Test
    void producerIsSmallAndNeverBlocksLong() {
        Map<String, Object> config = HeartbeatPublisher.producerConfig("notifier", Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "should-not-be-used",
                "security.protocol", "SASL_SSL"), Duration.ofSeconds(10));

        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "1")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000L)
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    }

    @Test
    void instanceIdIsStableAndNamesHostAndPid() {
        assertThat(InstanceIdentity.instance()).isEqualTo(InstanceIdentity.instance())
                .startsWith(InstanceIdentity.host() + "-" + ProcessHandle.current().pid() + "-");
        assertThat(InstanceIdentity.instanceId("h", 42, "abc")).isEqualTo("h-42-abc");
    }

    @Test
    void closeWithoutStartIsHarmless() {
        HeartbeatPublisher publisher = new HeartbeatPublisher("x",
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"), () -> "UP", Duration.ofSeconds(10),
                new MutableClock(Instant.now()));
        publisher.close();
        assertThat(publisher.isRunning()).isFalse();
    }
}
