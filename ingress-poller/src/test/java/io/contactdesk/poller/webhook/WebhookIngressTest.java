package io.contactdesk.poller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.poller.ingress.WebhookPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The answers that need no broker: Kafka out of reach, the epoch not known yet, the secret. */
class WebhookIngressTest {

    private static final String SECRET = "the-secret";
    private static final byte[] UPDATE = ("{\"update_id\":5,\"message\":{\"message_id\":1,\"date\":1,"
            + "\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"/start\"}}").getBytes(StandardCharsets.UTF_8);

    // Nothing listens on port 9 (discard): the producer never gets metadata and gives up after max.block.ms.
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WebhookPublisher unreachableKafka = new WebhookPublisher(KafkaConnection.plaintext("localhost:9"),
            new SealedUpdates(ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("t1"))), meters,
            Clock.systemUTC());
    private final WebhookStatus status = new WebhookStatus("https://bot.example.org/hook");

    @AfterEach
    void close() {
        unreachableKafka.close();
    }

    @Test
    void anUpdateKafkaCannotTakeIsAnswered503SoThatTelegramRetries() {
        WebhookIngress ingress = new WebhookIngress(SECRET, unreachableKafka, () -> 0, status, Clock.systemUTC(), meters);

        assertThat(ingress.accept(SECRET, UPDATE)).isEqualTo(WebhookIngress.WebhookAnswer.KAFKA_UNAVAILABLE);
        assertThat(WebhookIngress.WebhookAnswer.KAFKA_UNAVAILABLE.status).isEqualTo(503);
        assertThat(status.health().getStatus().getCode()).isEqualTo("DOWN");
    }

    @Test
    void beforeTheEpochIsKnownUpdatesAreAnswered503() {
        WebhookIngress ingress = new WebhookIngress(SECRET, unreachableKafka, () -> -1, status, Clock.systemUTC(), meters);

        assertThat(ingress.accept(SECRET, UPDATE).status).isEqualTo(503);
    }

    @Test
    void theSecretIsCheckedBeforeAnythingElseAndEachRefusalCounted() {
        WebhookIngress ingress = new WebhookIngress(SECRET, unreachableKafka, () -> -1, status, Clock.systemUTC(), meters);

        assertThat(ingress.accept(null, UPDATE).status).isEqualTo(401);
        assertThat(ingress.accept("the-secreT", UPDATE).status).isEqualTo(401);
        assertThat(ingress.accept(SECRET + " ", UPDATE).status).isEqualTo(401);
        assertThat(meters.counter("contactdesk.ingress.webhook.requests", "outcome", "unauthorized").count()).isEqualTo(3);
    }
}
