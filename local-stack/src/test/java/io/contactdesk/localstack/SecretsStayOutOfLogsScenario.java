package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Last on a stack that has run every other scenario: a contact is unlocked end to end, then every line the run
 * logged (four services, broker, database) is searched for the secrets the stack was given and the contact.
 */
abstract class SecretsStayOutOfLogsScenario {

    static final String CONTACT = "+49 171 5550 1234";
    private static final Duration PIPELINE = Duration.ofSeconds(60);

    abstract LocalStack stack();

    /** The keyring the stack runs with: {@code id:base64key,…}. */
    abstract String keyring();

    /** Further secrets the stack holds, e.g. the key that signs invoice payloads. */
    List<String> otherSecrets() {
        return List.of();
    }

    /** Every line the JVM printed since before the stack started. */
    abstract List<String> logLines();

    @Test
    void noLogLineCarriesTheBotTokenAKeyTheDatabasePasswordOrAContact() throws Exception {
        // given a listing whose contact a user unlocks, so the contact crosses the whole pipeline
        String listingId = "log-check";
        publish(new Listing(listingId, "Quiet electrician", "Electrical", "Hamburg", "Sockets, lights and fuse boxes.",
                ContactCipher.fromKeyring(keyring()).encrypt(CONTACT, listingId), ListingStatus.ACTIVE, 0,
                Instant.now(), null, null, Instant.now()));
        SandboxUser user = new SandboxUser(stack().telegramApiUrl(), 4242, "Lou");
        user.sends("/start");
        await().atMost(PIPELINE).until(() -> user.chat().size() >= 1);
        user.sends("/view " + listingId);
        await().atMost(PIPELINE).until(() -> unlockButton(user) != null);
        JsonNode view = unlockButton(user);
        user.presses(view.path("message_id").asLong(), unlockData(view));
        await().atMost(PIPELINE).until(() -> String.join("\n", user.plainTexts()).contains(CONTACT));

        // when every log line of the run is searched
        List<String> secrets = new ArrayList<>();
        String token = stack().telegramToken();
        secrets.add(token.substring(token.indexOf(':') + 1));
        for (String entry : keyring().split(",")) {
            secrets.add(entry.substring(entry.indexOf(':') + 1));
        }
        // the local database's password is its user's name too, so it is searched for where it would leak
        String password = stack().postgres().password();
        secrets.add(":" + password + "@");
        secrets.add("password=" + password);
        secrets.addAll(otherSecrets());
        secrets.add(CONTACT);
        secrets.add(CONTACT.replace(" ", ""));
        List<String> lines = logLines();

        // then the run did log, and none of its lines holds a secret or the contact
        assertThat(lines).hasSizeGreaterThan(100);
        List<String> leaks = lines.stream().filter(line -> secrets.stream().anyMatch(line::contains)).toList();
        assertThat(leaks).as("log lines holding a secret or a contact").isEmpty();
    }

    private void publish(Listing listing) throws Exception {
        try (KafkaProducer<String, Listing> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack().kafkaBootstrapServers()),
                new StringSerializer(), Topics.LISTINGS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.LISTINGS.name(), listing.listingId(), listing)).get();
        }
    }

    /** The bot's message with the unlock button, or null while there is none yet. */
    private static JsonNode unlockButton(SandboxUser user) {
        return user.messages().stream().filter(message -> unlockData(message) != null).reduce((a, b) -> b).orElse(null);
    }

    private static String unlockData(JsonNode message) {
        for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                if (button.path("text").asText().contains("Unlock")) {
                    return button.path("callback_data").asText();
                }
            }
        }
        return null;
    }
}
