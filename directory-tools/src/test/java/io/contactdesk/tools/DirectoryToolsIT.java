package io.contactdesk.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.ops.HeartbeatPublisher;
import io.contactdesk.contracts.topics.TopicProvisioning;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.KraftBroker;
import io.contactdesk.testsupport.CommittedRecords;
import io.contactdesk.tools.importer.ImportListings;
import io.contactdesk.tools.importer.ListingIds;
import io.contactdesk.tools.importer.ListingRow;
import io.contactdesk.tools.importer.RekeyListings;
import io.contactdesk.tools.rotation.RotateContactKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools against a real KRaft broker: import, re-import, rotate, rotate again; then (second, as it adds a listing
 * under another ring) a listing under a legacy id.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryToolsIT {

    private static final List<String> CONTACTS = List.of("+49 30 1234567", "anna@example.org", "@movers_hh");
    private static final String CSV = "title,category,city,description,contact\n"
            + "Acme Plumbing,plumbing,Berlin,Pipes fixed fast and clean.,+49 30 1234567\n"          // line 2
            + "Bad Category,Foo,Berlin,Pipes fixed fast and clean.,+49 30 7654321\n"                 // line 3
            + "\"Anna's Tutoring, Maths\",Tutoring,Munich,\"Algebra,\ngeometry and \"\"more\"\".\",anna@example.org\n" // lines 4-5
            + "No Contact,Moving,Hamburg,Boxes carried upstairs.,12\n"                              // line 6
            + "HH Movers,Moving,Hamburg,Boxes carried upstairs.,@movers_hh\n";                       // line 7

    private static final String LISTING_ID_KEY = ListingIds.generateKey();

    private static KraftBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = KraftBroker.builder().build().start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void importsOnceThenRotatesEveryContactToTheNewKey() throws Exception {
        String k1 = ContactCipher.generateKeyringEntry("k1");
        String k2 = ContactCipher.generateKeyringEntry("k2");
        Map<String, String> oldRing = env(k1);
        Map<String, String> newRing = env(k2 + "," + k1);
        Path file = Files.writeString(dir.resolve("listings.csv"), CSV);

        Result first = run(oldRing, (out, err) -> ImportListings.run(new String[] {file.toString()}, oldRing, out, err));
        assertThat(first.exit).as("out=%s err=%s", first.out, first.err).isZero();
        assertThat(first.out).isEqualTo("imported 3, skipped 2 (bad rows), 0 already present\n");
        assertThat(first.err.lines().toList()).hasSize(2).satisfiesExactly(
                line -> assertThat(line).startsWith("line 3: category \"Foo\" is not one of"),
                line -> assertThat(line).startsWith("line 6: contact is not"));

        List<ConsumerRecord<byte[], byte[]>> records = rawRecords();
        assertThat(records).hasSize(3);
        // a listing's public fields and its public id confirm none of 10,000 candidate phone numbers, its own among them
        Listing acme = listings().values().stream().filter(l -> l.title().equals("Acme Plumbing")).findFirst().orElseThrow();
        assertThat(OfflineGuess.confirmed(acme.listingId(), acme.title(), acme.category(), acme.city(),
                OfflineGuess.phoneNumbers("+49 30 123"))).isEmpty();
        assertNoPlaintextContact(records);
        Map<String, Listing> imported = listings();
        assertThat(imported.values()).allSatisfy(listing -> {
            assertThat(listing.listingId()).matches("imk-[0-9a-f]{16}");
            assertThat(listing.status()).isEqualTo(ListingStatus.ACTIVE);
            assertThat(listing.submittedBy()).isZero();
            assertThat(listing.contactKeyId()).isEqualTo("k1");
        });
        assertThat(imported.values()).extracting(Listing::title)
                .containsExactlyInAnyOrder("Acme Plumbing", "Anna's Tutoring, Maths", "HH Movers");
        assertThat(imported.values()).filteredOn(l -> l.title().startsWith("Anna")).singleElement()
                .extracting(Listing::description).isEqualTo("Algebra,\ngeometry and \"more\".");

        Result again = run(oldRing, (out, err) -> ImportListings.run(new String[] {file.toString()}, oldRing, out, err));
        assertThat(again.exit).as(again.err).isZero();
        assertThat(again.out).isEqualTo("imported 0, skipped 2 (bad rows), 3 already present\n");
        assertThat(rawRecords()).hasSize(3);

        Result rotation = run(newRing, (out, err) -> RotateContactKeys.run(new String[0], newRing, out, err));
        assertThat(rotation.exit).as(rotation.err).isZero();
        assertThat(rotation.out).isEqualTo("rotated 3 of 3 listings to key k2\n");
        assertThat(rotation.err).isEmpty();

        Result secondRotation = run(newRing, (out, err) -> RotateContactKeys.run(new String[0], newRing, out, err));
        assertThat(secondRotation.exit).as(secondRotation.err).isZero();
        assertThat(secondRotation.out).isEqualTo("rotated 0 of 3 listings to key k2\n");

        List<ConsumerRecord<byte[], byte[]>> afterRotation = rawRecords();
        assertThat(afterRotation).hasSize(6);
        assertNoPlaintextContact(afterRotation);
        ContactCipher cipher = ContactCipher.fromKeyring(k2); // k1 is no longer needed to read anything
        Map<String, Listing> rotated = listings();
        assertThat(rotated).hasSize(3);
        assertThat(rotated.values()).allSatisfy(listing -> {
            assertThat(listing.contactKeyId()).isEqualTo("k2");
            assertThat(listing.updatedAt()).isAfterOrEqualTo(imported.get(listing.listingId()).updatedAt());
            assertThat(listing.withSealedContact(null, null))
                    .isEqualTo(imported.get(listing.listingId()).withSealedContact(null, null));
        });
        assertThat(rotated.values()).extracting(l -> cipher.decrypt(l.sealedContact(), l.listingId()))
                .containsExactlyInAnyOrderElementsOf(CONTACTS);
        assertThat(rotation.out + secondRotation.out).doesNotContain(CONTACTS);
    }

    @Test
    @Order(2)
    void aListingImportedUnderALegacyIdIsNotImportedTwiceAndIsMovedToItsKeyedId() throws Exception {
        // given a listing the first importer published under its unkeyed id
        String ring = ContactCipher.generateKeyringEntry("k1");
        Map<String, String> env = env(ring);
        ListingRow row = new ListingRow(2, "Old Glazier", "Repairs", "Bremen", "Windows and mirrors cut to size.",
                "+49 421 5550199");
        String legacyId = ListingIds.legacyOf(row);
        Instant then = Instant.parse("2026-11-01T00:00:00Z");
        Listing legacy = new Listing(legacyId, row.title(), row.category(), row.city(), row.description(),
                ContactCipher.fromKeyring(ring).encrypt(row.contact(), legacyId), ListingStatus.ACTIVE, 0L, then, null,
                then, then);
        try (ListingPublisher publisher = ListingPublisher.open(ToolSettings.fromEnv(env), Duration.ofSeconds(30))) {
            publisher.publish(legacy);
            publisher.flush();
        }

        // when the same row is imported again, and the re-key plan is made
        Path file = Files.writeString(dir.resolve("legacy.csv"), "title,category,city,description,contact\n"
                + "Old Glazier,Repairs,Bremen,Windows and mirrors cut to size.,+49 421 5550199\n");
        Result reimport = run(env, (out, err) -> ImportListings.run(new String[] {file.toString()}, env, out, err));
        Result plan = run(env, (out, err) -> RekeyListings.run(new String[] {"--dry-run"}, env, out, err));

        // then the import finds it under its legacy id, and the plan moves it (and only it) to its keyed id
        assertThat(reimport.out).endsWith("1 already present\n");
        assertThat(plan.exit).as(plan.err).isZero();
        assertThat(plan.out).isEqualTo(legacy.listingId() + " " + ListingIds.fromSetting(LISTING_ID_KEY).of(row) + "\n");
        assertThat(plan.out + plan.err).doesNotContain("+49 421 5550199");

        // and when the moves are carried out, twice
        String keyedId = ListingIds.fromSetting(LISTING_ID_KEY).of(row);
        Result rekey = run(env, (out, err) -> RekeyListings.run(new String[0], env, out, err));
        Result rekeyAgain = run(env, (out, err) -> RekeyListings.run(new String[0], env, out, err));

        // then the listing lives under its keyed id, the legacy id points there, and only the legacy id leaks
        assertThat(rekey.exit).as(rekey.err).isZero();
        assertThat(rekey.out).isEqualTo(legacyId + " -> " + keyedId + "\n");
        assertThat(rekeyAgain.err).contains("moved 0 of");
        Map<String, Listing> after = listings();
        assertThat(after.get(legacyId).status()).isEqualTo(ListingStatus.REMOVED);
        assertThat(after.get(legacyId).movedTo()).isEqualTo(keyedId);
        Listing keyed = after.get(keyedId);
        assertThat(keyed.status()).isEqualTo(ListingStatus.ACTIVE);
        assertThat(keyed.movedTo()).isNull();
        assertThat(ContactCipher.fromKeyring(ring).decrypt(keyed.sealedContact(), keyedId)).isEqualTo(row.contact());
        assertThat(OfflineGuess.confirmed(keyedId, keyed.title(), keyed.category(), keyed.city(),
                OfflineGuess.phoneNumbers("+49 421 555"))).isEmpty();
        assertThat(OfflineGuess.confirmed(legacyId, keyed.title(), keyed.category(), keyed.city(),
                OfflineGuess.phoneNumbers("+49 421 555"))).as("the guess finds a legacy id's contact")
                .containsExactly("+49 421 5550199");
        assertThat(rekey.out + rekey.err).doesNotContain("+49 421 5550199");
    }

    @Test
    @Order(3)
    void rotationRefusesWhileARunningServiceLacksTheNewKeyAndNamesIt() throws Exception {
        String k1 = ContactCipher.generateKeyringEntry("k1");
        Map<String, String> ringWithK9 = env(ContactCipher.generateKeyringEntry("k9") + "," + k1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(TopicProvisioning.newTopic(Topics.HEARTBEATS, 1, (short) 1))).all().get();
        }
        List<ConsumerRecord<byte[], byte[]>> before = rawRecords();
        try (HeartbeatPublisher notifier = new HeartbeatPublisher("notifier",
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), () -> "UP",
                Duration.ofSeconds(10), Clock.systemUTC(), List.of("k1"))) {
            notifier.start();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    new CompactedTopicReader(KafkaConnection.plaintext(broker.bootstrapServers()), Duration.ofSeconds(30))
                            .readAll(Topics.HEARTBEATS, System.err).containsKey(notifier.key()));

            Result refused = run(ringWithK9, (out, err) -> RotateContactKeys.run(new String[0], ringWithK9, out, err));

            assertThat(refused.exit).isEqualTo(ToolExit.FAILED);
            assertThat(refused.err).isEqualTo("refusing to rotate to key k9: running instances lack it: "
                    + notifier.key() + " (holds k1). Roll the keyring with k9 (decrypt-only is enough) out to them "
                    + "first\n");
            assertThat(rawRecords()).as("nothing republished").hasSameSizeAs(before);
        }
    }

    private static void assertNoPlaintextContact(List<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String bytes = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(bytes).contains("\"sealedContact\":\"v1:");
            for (String contact : CONTACTS) {
                assertThat(bytes).doesNotContain(contact);
            }
        }
    }

    private static Map<String, Listing> listings() {
        return new CompactedTopicReader(KafkaConnection.plaintext(broker.bootstrapServers()), Duration.ofSeconds(30))
                .readAll(Topics.LISTINGS, System.err);
    }

    /** Every record on the topic, as bytes: what a broker operator (or an attacker with disk access) would see. */
    private static List<ConsumerRecord<byte[], byte[]>> rawRecords() {
        return CommittedRecords.includingAborted(broker.bootstrapServers(), List.of(Topics.LISTINGS.name()));
    }

    private Map<String, String> env(String keyring) {
        return Map.of(ToolSettings.BOOTSTRAP, broker.bootstrapServers(), ContactCipher.VARIABLE, keyring,
                ListingIds.VARIABLE, LISTING_ID_KEY);
    }

    private interface Tool {
        int run(PrintStream out, PrintStream err);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(Map<String, String> env, Tool tool) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = tool.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
