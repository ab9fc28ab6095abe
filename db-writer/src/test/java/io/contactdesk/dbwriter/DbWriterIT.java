package io.contactdesk.dbwriter;

import static io.contactdesk.dbwriter.TestKafka.raw;
import static io.contactdesk.dbwriter.TestKafka.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.AuditEvent;
import io.contactdesk.contracts.events.ContactUnlocked;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.EventIds;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.EmbeddedPostgresServer;
import io.contactdesk.infra.KraftBroker;
import io.contactdesk.testsupport.CommittedRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.internals.ConsumerCoordinator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/** The writer on a real KRaft broker and a real PostgreSQL, started as the local stack starts it. */
class DbWriterIT {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Topic<?, ?>[] PERSISTED =
            {Topics.USERS, Topics.LEDGER, Topics.LISTINGS, Topics.UNLOCKS, Topics.AUDIT, Topics.PAYMENTS};
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ContactCipher CIPHER = ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("it-key"));

    private static KraftBroker broker;
    private static EmbeddedPostgresServer postgres;
    private static TestDatabase database;
    private static TestKafka kafka;
    private static String groupId;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void startWriter() {
        broker = KraftBroker.builder().build().start();
        postgres = EmbeddedPostgresServer.builder().build().start();
        database = TestDatabase.of(postgres);
        kafka = new TestKafka(broker.bootstrapServers());
        groupId = "db-writer-it-" + UUID.randomUUID();
        app = start(postgres.url(), groupId);
    }

    @AfterAll
    static void stopWriter() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static ConfigurableApplicationContext start(String databaseUrl, String group) {
        return ServiceLauncher.application(DbWriterApplication.SERVICE, DbWriterApplication.class).run(
                "--KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers(),
                "--DATABASE_URL=" + databaseUrl,
                "--SERVER_PORT=0",
                "--spring.kafka.consumer.group-id=" + group,
                // Tests wait on a database coming back: retry often.
                "--contactdesk.writer.retry-max-interval=1s");
    }

    @Test
    void writesProfilesAndLedgerEntries() {
        // given
        long user = newUserId();
        UserProfile profile = new UserProfile(user, "alice", "Alice", "en", false, false, false, T0, T0);

        // when
        kafka.sendInTransaction(
                record(Topics.USERS, key(user), profile),
                record(Topics.LEDGER, key(user), entry(user, 1, 3, 3, LedgerKind.SIGNUP_BONUS)),
                record(Topics.LEDGER, key(user), entry(user, 2, -1, 2, LedgerKind.UNLOCK)),
                record(Topics.LEDGER, key(user), entry(user, 3, 5, 7, LedgerKind.GRANT)));

        // then
        awaitLedgerRows(user, 3);
        awaitProfile(user);
        assertThat(database.rows("SELECT username, first_name, language_code, is_admin, registered_at "
                + "FROM users WHERE user_id = ?", user)).singleElement().satisfies(row -> {
                    assertThat(row).containsEntry("username", "alice").containsEntry("first_name", "Alice")
                            .containsEntry("language_code", "en").containsEntry("is_admin", false);
                    assertThat(((Timestamp) row.get("registered_at")).toInstant()).isEqualTo(T0);
                });
        assertThat(database.rows("SELECT entry_id, delta, balance_after, kind, cause_id FROM credit_ledger "
                + "WHERE user_id = ? ORDER BY recorded_at", user))
                .extracting(row -> row.get("kind") + " " + row.get("delta") + " -> " + row.get("balance_after"))
                .containsExactly("SIGNUP_BONUS 3 -> 3", "UNLOCK -1 -> 2", "GRANT 5 -> 7");
        assertThat(database.rows("SELECT balance, entries FROM user_balances WHERE user_id = ?", user))
                .singleElement().isEqualTo(Map.of("balance", 7L, "entries", 3L));
        assertThat(database.ledgerInvariantViolations()).isEmpty();
    }

    @Test
    void readingPastTransactionMarkersAsksNothingForPartitionsThatGotNoRecords() {
        // given the writer caught up, every partition's committed offset looked up once since it was assigned
        long user = newUserId();
        kafka.sendInTransaction(record(Topics.LEDGER, key(user), entry(user, 1, 3, 3, LedgerKind.SIGNUP_BONUS)));
        awaitLedgerRows(user, 1);
        awaitCaughtUp();
        ListAppender<ILoggingEvent> lookups = new ListAppender<>();
        Logger coordinator = (Logger) LoggerFactory.getLogger(ConsumerCoordinator.class);
        Level level = coordinator.getLevel();
        // The tests' logging keeps Kafka at WARN; the lookups' answers are INFO.
        coordinator.setLevel(Level.INFO);
        lookups.start();
        coordinator.addAppender(lookups);
        try {
            // when more transactions arrive on one partition, and are read past their markers
            for (int entry = 2; entry <= 4; entry++) {
                kafka.sendInTransaction(record(Topics.LEDGER, key(user), entry(user, entry, 1, 2 + entry, LedgerKind.GRANT)));
                awaitLedgerRows(user, entry);
                awaitCaughtUp();
            }

            // then the partitions never committed (most of them: they got no record) were not looked up again: the
            // broker answers each such lookup with "no committed offset", which the consumer logs
            assertThat(lookups.list).map(ILoggingEvent::getFormattedMessage)
                    .filteredOn(line -> line.contains(groupId) && line.contains("Found no committed offset"))
                    .isEmpty();
        } finally {
            coordinator.detachAppender(lookups);
            coordinator.setLevel(level);
        }
    }

    @Test
    void replayingTheSameRecordsChangesNothing() throws Exception {
        // given: the records written once
        long user = newUserId();
        List<ProducerRecord<String, byte[]>> records = List.of(
                record(Topics.USERS, key(user), new UserProfile(user, "bob", "Bob", "de", false, false, false, T0, T0)),
                record(Topics.LEDGER, key(user), entry(user, 1, 3, 3, LedgerKind.SIGNUP_BONUS)),
                record(Topics.LEDGER, key(user), entry(user, 2, -1, 2, LedgerKind.UNLOCK)));
        kafka.sendInTransaction(records);
        awaitLedgerRows(user, 2);
        awaitProfile(user);
        awaitCaughtUp();
        long ledgerRowsBefore = database.count("SELECT count(*) FROM credit_ledger");
        long userRowsBefore = database.count("SELECT count(*) FROM users");
        List<Map<String, Object>> ledgerBefore = ledgerOf(user);
        List<Map<String, Object>> userBefore = profileOf(user);
        double rowsSentBefore = rowsWritten("credit_ledger");

        // when: replayed twice
        kafka.sendInTransaction(records);
        kafka.sendInTransaction(records);
        awaitCaughtUp();

        // then
        assertThat(rowsWritten("credit_ledger")).as("the replays were processed").isGreaterThan(rowsSentBefore);
        assertThat(database.count("SELECT count(*) FROM credit_ledger")).isEqualTo(ledgerRowsBefore);
        assertThat(database.count("SELECT count(*) FROM users")).isEqualTo(userRowsBefore);
        assertThat(ledgerOf(user)).isEqualTo(ledgerBefore);
        assertThat(profileOf(user)).isEqualTo(userBefore);
        assertThat(database.ledgerInvariantViolations()).isEmpty();
    }

    @Test
    void aPaymentReplayedIsOneRowAndItsRefundIsNotUndoneByAReplayOfThePayment() {
        // given
        long user = newUserId();
        StarPayment paid = StarPayment.paid("stx-" + user, user, 200, 50, "update:9/ledger:0", "update:9", T0);
        kafka.sendInTransaction(record(Topics.PAYMENTS, key(user), paid), record(Topics.PAYMENTS, key(user), paid));
        await().atMost(WAIT).until(() -> database.count("SELECT count(*) FROM payments WHERE user_id = " + user) == 1);

        // when: refunded, then the payment as paid replayed
        kafka.sendInTransaction(record(Topics.PAYMENTS, key(user), paid.refunded(T0.plusSeconds(60), 50)));
        kafka.sendInTransaction(record(Topics.PAYMENTS, key(user), paid));
        awaitCaughtUp();

        // then
        assertThat(database.rows("SELECT credits, credits_reversed, refunded_at FROM payments WHERE user_id = ?", user))
                .singleElement().satisfies(row -> {
                    assertThat(row).containsEntry("credits", 50L).containsEntry("credits_reversed", 50L);
                    assertThat(((Timestamp) row.get("refunded_at")).toInstant()).isEqualTo(T0.plusSeconds(60));
                });
    }

    @Test
    void olderProfileReplayedAfterANewerOneDoesNotOverwriteIt() throws Exception {
        // given: the newer profile written
        long user = newUserId();
        UserProfile older = new UserProfile(user, "old_name", "Carol", "en", false, false, false, T0, T0);
        UserProfile newer = new UserProfile(user, "new_name", "Carol", "en", false, true, false, T0, T0.plusSeconds(60));
        kafka.sendInTransaction(record(Topics.USERS, key(user), newer));
        awaitProfile(user);

        // when
        kafka.sendInTransaction(record(Topics.USERS, key(user), older));
        awaitCaughtUp();

        // then
        assertThat(profileOf(user)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("username", "new_name").containsEntry("banned", true));
    }

    @Test
    void poisonRecordIsDeadLetteredAndTheFollowingRecordIsWritten() {
        // given
        long user = newUserId();
        byte[] poison = "{\"entryId\": \"update:1/credit:0\", oops".getBytes(StandardCharsets.UTF_8);
        LedgerEntry following = entry(user, 2, 3, 3, LedgerKind.SIGNUP_BONUS);

        // when
        kafka.sendInTransaction(raw(Topics.LEDGER, key(user), poison), record(Topics.LEDGER, key(user), following));

        // then
        awaitLedgerRows(user, 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledgerDeadLettersOf(user))
                .isNotEmpty()
                .allSatisfy(letter -> {
                    assertThat(letter.sourceTopic()).isEqualTo(Topics.LEDGER.name());
                    assertThat(letter.payload()).isEqualTo(poison);
                    assertThat(letter.reason()).contains("not a valid LedgerEntry");
                    assertThat(letter.service()).isEqualTo(DbWriterApplication.SERVICE);
                }));
        assertThat(app.getBean(MeterRegistry.class).get("contactdesk.dlq.records")
                .tag("topic", Topics.LEDGER_DLQ.name()).counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(ledgerOf(user)).extracting(row -> row.get("entry_id")).containsExactly(following.entryId());
    }

    @Test
    void rowPostgresqlRefusesIsDeadLetteredAndTheRestOfThePollIsWritten() {
        // given
        long user = newUserId();
        // Parses, but PostgreSQL text cannot hold a NUL character.
        LedgerEntry refused = new LedgerEntry(EventIds.derived(causeOf(user * 1000), "credit", 0), user, 1, 1,
                LedgerKind.GRANT, "bad\u0000reason", causeOf(user * 1000), T0);
        LedgerEntry following = entry(user, 2, 2, 2, LedgerKind.GRANT);

        // when
        kafka.sendInTransaction(record(Topics.LEDGER, key(user), refused), record(Topics.LEDGER, key(user), following));

        // then
        awaitLedgerRows(user, 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledgerDeadLettersOf(user))
                .isNotEmpty()
                .allSatisfy(letter -> assertThat(letter.reason()).contains("credit_ledger", "SQLSTATE 22")));
        assertThat(ledgerOf(user)).extracting(row -> row.get("entry_id")).containsExactly(following.entryId());
    }

    @Test
    void listingLandsWithItsCiphertextAndKeyId() {
        // given
        String id = newListingId();
        String sealed = CIPHER.encrypt("+49 30 1234567", id);
        Listing listing = new Listing(id, "Plumber", "home", "Berlin", "Fast and tidy", sealed, ListingStatus.PENDING,
                42, T0, null, null, T0);

        // when
        kafka.sendInTransaction(record(Topics.LISTINGS, id, listing));

        // then
        awaitListing(id);
        assertThat(listingOf(id)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("sealed_contact", sealed).containsEntry("contact_key_id", "it-key")
                    .containsEntry("status", "PENDING").containsEntry("title", "Plumber")
                    .containsEntry("submitted_by", 42L).containsEntry("decided_by", null);
            assertThat(((Timestamp) row.get("updated_at")).toInstant()).isEqualTo(T0);
            assertThat((String) row.get("sealed_contact")).doesNotContain("1234567");
            assertThat(CIPHER.decrypt((String) row.get("sealed_contact"), id)).isEqualTo("+49 30 1234567");
        });
    }

    @Test
    void olderListingReplayedAfterANewerOneDoesNotOverwriteIt() {
        // given: the listing approved (the newer version) written
        String id = newListingId();
        Listing pending = new Listing(id, "Plumber", "home", "Berlin", null, CIPHER.encrypt("+49 30 1234567", id),
                ListingStatus.PENDING, 42, T0, null, null, T0);
        Listing approved = pending.withStatus(ListingStatus.ACTIVE, 7L, T0.plusSeconds(60));
        kafka.sendInTransaction(record(Topics.LISTINGS, id, approved));
        awaitListing(id);

        // when: the pending version arrives after it
        kafka.sendInTransaction(record(Topics.LISTINGS, id, pending));
        awaitCaughtUp();

        // then
        assertThat(listingOf(id)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("status", "ACTIVE").containsEntry("decided_by", 7L);
            assertThat(((Timestamp) row.get("updated_at")).toInstant()).isEqualTo(T0.plusSeconds(60));
        });
    }

    @Test
    void listingWithAPlaintextContactIsDeadLetteredAndNotStored() {
        // given
        String plaintext = newListingId();
        String following = newListingId();
        Listing leaky = new Listing(plaintext, "Plumber", "home", "Berlin", null, "+49 30 1234567",
                ListingStatus.PENDING, 42, T0, null, null, T0);
        Listing sealed = new Listing(following, "Roofer", "home", "Berlin", null,
                CIPHER.encrypt("+49 30 7654321", following), ListingStatus.PENDING, 42, T0, null, null, T0);

        // when
        kafka.sendInTransaction(record(Topics.LISTINGS, plaintext, leaky), record(Topics.LISTINGS, following, sealed));

        // then
        awaitListing(following);
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters(Topics.LISTINGS_DLQ))
                .filteredOn(letter -> plaintext.equals(letter.key()))
                .isNotEmpty()
                .allSatisfy(letter -> {
                    assertThat(letter.sourceTopic()).isEqualTo(Topics.LISTINGS.name());
                    assertThat(letter.reason()).contains("not a contact envelope").doesNotContain("1234567");
                    assertThat(letter.service()).isEqualTo(DbWriterApplication.SERVICE);
                }));
        assertThat(listingOf(plaintext)).isEmpty();
        assertThat(database.count("SELECT count(*) FROM listings WHERE sealed_contact NOT LIKE 'v1:%'")).isZero();
    }

    @Test
    void schemaItselfRefusesAPlaintextContact() {
        // The writer dead-letters these first; the CHECK constraint is the last line should one get past it.
        assertThatThrownBy(() -> database.jdbc().update("""
                INSERT INTO listings (listing_id, sealed_contact, status, updated_at)
                VALUES (?, '+49 30 1234567', 'PENDING', now())
                """, newListingId()))
                .hasMessageContaining("listings_sealed_contact_is_envelope");
    }

    @Test
    void replayingUnlocksAndAuditEventsChangesNothing() throws Exception {
        // given: an unlock and the audit events written once
        long user = newUserId();
        String listing = newListingId();
        String cause = causeOf(user * 1000 + 1);
        List<ProducerRecord<String, byte[]>> records = List.of(
                record(Topics.UNLOCKS, key(user), new ContactUnlocked(EventIds.derived(cause, "unlock", 0), user,
                        listing, EventIds.derived(cause, "credit", 0), 1, T0)),
                record(Topics.AUDIT, key(7), new AuditEvent(EventIds.derived(cause, "audit", 0), 7, "grant",
                        "user:" + user, Map.of("credits", "5"), T0)),
                record(Topics.AUDIT, key(7), new AuditEvent(EventIds.derived(cause, "audit", 1), 7, "ban",
                        "user:" + user, null, T0.plusSeconds(1))));
        kafka.sendInTransaction(records);
        await().atMost(WAIT).until(() -> unlocksOf(user).size() == 1 && auditOf(user).size() == 2);
        awaitCaughtUp();
        long unlockRowsBefore = database.count("SELECT count(*) FROM unlocks");
        long auditRowsBefore = database.count("SELECT count(*) FROM audit_log");
        List<Map<String, Object>> unlocksBefore = unlocksOf(user);
        List<Map<String, Object>> auditBefore = auditOf(user);
        double unlocksSentBefore = rowsWritten("unlocks");
        double auditSentBefore = rowsWritten("audit_log");

        // when: replayed twice, and the same listing unlocked again under another id
        kafka.sendInTransaction(records);
        kafka.sendInTransaction(records);
        kafka.sendInTransaction(record(Topics.UNLOCKS, key(user), new ContactUnlocked(
                EventIds.derived(causeOf(user * 1000 + 2), "unlock", 0), user, listing, null, 0, T0)));
        awaitCaughtUp();

        // then
        assertThat(rowsWritten("unlocks")).as("the replays were processed").isGreaterThan(unlocksSentBefore);
        assertThat(rowsWritten("audit_log")).as("the replays were processed").isGreaterThan(auditSentBefore);
        assertThat(database.count("SELECT count(*) FROM unlocks")).isEqualTo(unlockRowsBefore);
        assertThat(database.count("SELECT count(*) FROM audit_log")).isEqualTo(auditRowsBefore);
        assertThat(unlocksOf(user)).isEqualTo(unlocksBefore);
        assertThat(auditOf(user)).isEqualTo(auditBefore);
        assertThat(database.rows("SELECT action, details->>'credits' AS credits FROM audit_log "
                + "WHERE target = ? ORDER BY at", "user:" + user))
                .extracting(row -> row.get("action") + " " + row.get("credits"))
                .containsExactly("grant 5", "ban null");
    }

    @Test
    void aForgottenUserKeepsAnAnonymousLedgerAndNoUnlocksEvenWhenOlderRecordsArriveLate() {
        // given: a user with a signup bonus and an unlock (its ledger entry is still on its way)
        long user = newUserId();
        Instant forgottenAt = T0.plus(3, ChronoUnit.MINUTES);
        LedgerEntry payment = entry(user, 2, -1, 2, LedgerKind.UNLOCK);
        ContactUnlocked unlock = new ContactUnlocked(EventIds.derived(causeOf(user * 1000 + 2), "unlock", 0), user,
                newListingId(), payment.entryId(), 1, T0.plus(2, ChronoUnit.MINUTES));
        UserProfile named = new UserProfile(user, "carol", "Carol", "fr", false, false, false, T0, T0);
        kafka.sendInTransaction(
                record(Topics.USERS, key(user), named),
                record(Topics.LEDGER, key(user), entry(user, 1, 3, 3, LedgerKind.SIGNUP_BONUS)),
                record(Topics.UNLOCKS, key(user), unlock));
        await().atMost(WAIT).until(() -> unlocksOf(user).size() == 1);

        // when: the user is forgotten, and then the unlock's entry, the unlock and the old profile arrive again
        UserProfile forgotten = new UserProfile(user, null, null, null, false, false, false, null, forgottenAt,
                forgottenAt);
        LedgerEntry forfeit = new LedgerEntry(EventIds.derived(causeOf(user * 1000 + 3), "ledger", 0), user, -2, 0,
                LedgerKind.FORGET, null, causeOf(user * 1000 + 3), forgottenAt);
        kafka.sendInTransaction(record(Topics.USERS, key(user), forgotten), record(Topics.LEDGER, key(user), forfeit));
        await().atMost(WAIT).until(() -> unlocksOf(user).isEmpty());
        kafka.sendInTransaction(
                record(Topics.LEDGER, key(user), payment),
                record(Topics.UNLOCKS, key(user), unlock),
                record(Topics.USERS, key(user), named));
        awaitCaughtUp();

        // then: no names, no unlock, every ledger entry without its reason but with its amounts
        assertThat(database.rows("SELECT username, first_name, language_code, registered_at, forgotten_at "
                + "FROM users WHERE user_id = ?", user)).singleElement().satisfies(row -> {
                    assertThat(row.get("username")).isNull();
                    assertThat(row.get("first_name")).isNull();
                    assertThat(row.get("language_code")).isNull();
                    assertThat(row.get("registered_at")).isNull();
                    assertThat(((Timestamp) row.get("forgotten_at")).toInstant()).isEqualTo(forgottenAt);
                });
        assertThat(unlocksOf(user)).isEmpty();
        assertThat(database.rows("SELECT kind, delta, balance_after, reason FROM credit_ledger WHERE user_id = ? "
                + "ORDER BY recorded_at", user))
                .extracting(row -> row.get("kind") + " " + row.get("delta") + " -> " + row.get("balance_after")
                        + " " + row.get("reason"))
                .containsExactly("SIGNUP_BONUS 3 -> 3 null", "UNLOCK -1 -> 2 null", "FORGET -2 -> 0 null");
        assertThat(database.rows("SELECT balance FROM user_balances WHERE user_id = ?", user))
                .singleElement().isEqualTo(Map.of("balance", 0L));
        assertThat(database.ledgerInvariantViolations()).isEmpty();
    }

    @Test
    void aUserWhoComesBackAfterBeingForgottenKeepsTheirNewUnlocksAndReasons() {
        // given: a user forgotten at T0 + 3 min
        long user = newUserId();
        Instant forgottenAt = T0.plus(3, ChronoUnit.MINUTES);
        kafka.sendInTransaction(record(Topics.USERS, key(user),
                new UserProfile(user, null, null, null, false, false, false, null, forgottenAt, forgottenAt)));
        awaitProfile(user);

        // when: they come back, are granted a credit and unlock a listing
        Instant back = T0.plus(5, ChronoUnit.MINUTES);
        LedgerEntry grant = entry(user, 5, 1, 1, LedgerKind.GRANT);
        kafka.sendInTransaction(
                record(Topics.USERS, key(user), new UserProfile(user, "dan", "Dan", "en", false, false, false, back,
                        back, forgottenAt)),
                record(Topics.LEDGER, key(user), grant),
                record(Topics.UNLOCKS, key(user), new ContactUnlocked(EventIds.derived(causeOf(user * 1000 + 6),
                        "unlock", 0), user, newListingId(), null, 1, back.plusSeconds(60))));

        // then
        await().atMost(WAIT).until(() -> unlocksOf(user).size() == 1);
        awaitLedgerRows(user, 1);
        assertThat(ledgerOf(user)).singleElement().satisfies(row -> assertThat(row.get("reason")).isEqualTo("grant"));
        assertThat(profileOf(user)).singleElement().satisfies(row -> assertThat(row.get("first_name")).isEqualTo("Dan"));
    }

    @Test
    void aReKeyedListingTakesItsUnlocksAndLedgerReasonsAlongEvenWhenTheyArriveAfterTheMove() {
        // given: a listing under a legacy id, unlocked by one user
        long buyer = newUserId();
        long lateBuyer = newUserId();
        String legacy = "imp-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String keyed = "imk-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Listing old = new Listing(legacy, "Glazier", "home", "Bremen", null, CIPHER.encrypt("+49 421 5550199", legacy),
                ListingStatus.ACTIVE, 0, T0, null, T0, T0);
        LedgerEntry payment = unlockPayment(buyer, legacy);
        ContactUnlocked unlock = new ContactUnlocked(EventIds.derived(payment.causeId(), "unlock", 0), buyer, legacy,
                payment.entryId(), 1, T0);
        kafka.sendInTransaction(record(Topics.LISTINGS, legacy, old), record(Topics.LEDGER, key(buyer), payment),
                record(Topics.UNLOCKS, key(buyer), unlock));
        await().atMost(WAIT).until(() -> unlocksOf(buyer).size() == 1);

        // when: it is re-keyed, and then another user's unlock of the legacy id arrives late and the first replays
        Instant movedAt = T0.plusSeconds(3600);
        kafka.sendInTransaction(
                record(Topics.LISTINGS, keyed, old.withId(keyed, CIPHER.encrypt("+49 421 5550199", keyed), movedAt)),
                record(Topics.LISTINGS, legacy, old.movedTo(keyed, movedAt)));
        await().atMost(WAIT).until(() -> keyed.equals(unlocksOf(buyer).get(0).get("listing_id")));
        LedgerEntry latePayment = unlockPayment(lateBuyer, legacy);
        kafka.sendInTransaction(
                record(Topics.LEDGER, key(lateBuyer), latePayment),
                record(Topics.UNLOCKS, key(lateBuyer), new ContactUnlocked(EventIds.derived(latePayment.causeId(),
                        "unlock", 0), lateBuyer, legacy, latePayment.entryId(), 1, T0.plusSeconds(10))),
                record(Topics.UNLOCKS, key(buyer), unlock),
                record(Topics.LISTINGS, legacy, old));
        awaitCaughtUp();

        // then: every unlock and reason names the keyed id, once per user, and the legacy id nowhere
        assertThat(database.rows("SELECT user_id, listing_id FROM unlocks WHERE user_id IN (?, ?) ORDER BY user_id",
                Math.min(buyer, lateBuyer), Math.max(buyer, lateBuyer)))
                .extracting(row -> row.get("listing_id")).containsExactly(keyed, keyed);
        assertThat(database.rows("SELECT reason FROM credit_ledger WHERE user_id IN (?, ?)", buyer, lateBuyer))
                .extracting(row -> row.get("reason")).containsExactly("unlock " + keyed, "unlock " + keyed);
        assertThat(database.count("SELECT count(*) FROM unlocks WHERE listing_id = ?", legacy)).isZero();
        assertThat(listingOf(legacy)).singleElement().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("REMOVED");
            assertThat(row.get("moved_to")).isEqualTo(keyed);
        });
    }

    private static LedgerEntry unlockPayment(long user, String listingId) {
        String cause = causeOf(user * 1000 + 1);
        // Free (0), so the user's ledger sums to its balance without a bonus before it: other tests check every user's.
        return new LedgerEntry(EventIds.derived(cause, "ledger", 0), user, 0, 0, LedgerKind.UNLOCK,
                "unlock " + listingId, cause, T0);
    }

    @Test
    void everyBalanceIsTheSumOfTheLedgerDeltasAndNeverNegative() {
        // given: three users earning and spending credits, one of them down to zero
        long alice = newUserId();
        long bob = newUserId();
        long carol = newUserId();
        List<ProducerRecord<String, byte[]>> batch = new ArrayList<>();
        batch.add(record(Topics.LEDGER, key(alice), entry(alice, 1, 3, 3, LedgerKind.SIGNUP_BONUS)));
        batch.add(record(Topics.LEDGER, key(alice), entry(alice, 2, -1, 2, LedgerKind.UNLOCK)));
        batch.add(record(Topics.LEDGER, key(alice), entry(alice, 3, -1, 1, LedgerKind.UNLOCK)));
        batch.add(record(Topics.LEDGER, key(alice), entry(alice, 4, -1, 0, LedgerKind.UNLOCK)));
        batch.add(record(Topics.LEDGER, key(bob), entry(bob, 1, 3, 3, LedgerKind.SIGNUP_BONUS)));
        batch.add(record(Topics.LEDGER, key(bob), entry(bob, 2, 10, 13, LedgerKind.GRANT)));
        batch.add(record(Topics.LEDGER, key(bob), entry(bob, 3, -1, 12, LedgerKind.UNLOCK)));
        batch.add(record(Topics.LEDGER, key(carol), entry(carol, 1, 3, 3, LedgerKind.SIGNUP_BONUS)));

        // when
        kafka.sendInTransaction(batch);

        // then
        awaitLedgerRows(alice, 4);
        awaitLedgerRows(bob, 3);
        awaitLedgerRows(carol, 1);
        assertThat(database.rows("SELECT user_id, balance FROM user_balances WHERE user_id IN (?, ?, ?)",
                alice, bob, carol)).containsExactlyInAnyOrder(
                        Map.of("user_id", alice, "balance", 0L),
                        Map.of("user_id", bob, "balance", 12L),
                        Map.of("user_id", carol, "balance", 3L));
        // At every entry, in the order recorded: the running sum of deltas is the entry's balance, and not negative.
        assertThat(database.rows("""
                SELECT entry_id FROM (
                    SELECT entry_id, balance_after,
                           sum(delta) OVER (PARTITION BY user_id ORDER BY recorded_at, entry_id) AS running
                    FROM credit_ledger WHERE user_id IN (?, ?, ?)) entries
                WHERE running <> balance_after OR running < 0
                """, alice, bob, carol)).isEmpty();
        assertThat(database.ledgerInvariantViolations()).isEmpty();
    }

    @Test
    void databaseOutageDelaysWritesButSkipsNothing() {
        // given: the database refuses connections
        long user = newUserId();
        database.acceptConnections(false);
        try {
            // when
            kafka.sendInTransaction(
                    record(Topics.LEDGER, key(user), entry(user, 1, 3, 3, LedgerKind.SIGNUP_BONUS)));

            // then: not ready while the poll is retried
            await().atMost(WAIT).untilAsserted(() -> {
                HttpResponse<String> readiness = get("/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(status(readiness, "db")).isEqualTo("DOWN");
                assertThat(status(readiness, "writer")).isEqualTo("DOWN");
            });
        } finally {
            database.acceptConnections(true);
        }

        // and once it is back, the entry lands and the offsets are committed
        awaitLedgerRows(user, 1);
        awaitCaughtUp();
        await().atMost(WAIT).until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    @Test
    void schemaIsAtTheLatestMigration() {
        MigrationInfoService info = app.getBean(Flyway.class).info();

        assertThat(info.pending()).isEmpty();
        assertThat(info.current().getVersion())
                .isEqualTo(Arrays.stream(info.all()).map(MigrationInfo::getVersion).max(Comparable::compareTo)
                        .orElseThrow());
        assertThat(database.count("SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
        assertThat(database.count("""
                SELECT count(*) FROM information_schema.tables
                WHERE table_schema = 'public'
                  AND table_name IN ('users', 'credit_ledger', 'user_balances', 'listings', 'unlocks', 'audit_log')
                """)).isEqualTo(6);
    }

    @Test
    void readinessIncludesTheDatabaseAndMetricsArePublished() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        HttpResponse<String> prometheus = get("/actuator/prometheus");

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(status(readiness, "db")).isEqualTo("UP");
        assertThat(status(readiness, "writer")).isEqualTo("UP");
        assertThat(prometheus.body()).contains(
                "contactdesk_db_rows_written_total{", "table=\"credit_ledger\"", "table=\"users\"",
                "table=\"listings\"", "table=\"unlocks\"", "table=\"audit_log\"", "topic=\"listings.dlq\"",
                "contactdesk_dlq_records_total{", "hikaricp_connections{");
    }

    @Test
    void jdbcFormOfDatabaseUrlWorksToo() {
        TestDatabase other = TestDatabase.create(postgres, "db_writer_jdbc_it");
        long user = newUserId();
        try (ConfigurableApplicationContext second = start(other.jdbcUrlWithCredentials(), "db-writer-it-" + UUID.randomUUID())) {
            kafka.sendInTransaction(
                    record(Topics.LEDGER, key(user), entry(user, 1, 3, 3, LedgerKind.SIGNUP_BONUS)));

            await().atMost(WAIT).until(() -> other.count("SELECT count(*) FROM credit_ledger WHERE user_id = ?", user) == 1);
        }
    }

    @Test
    void missingDatabaseUrlStopsStartUpNamingIt() {
        assertThatThrownBy(() -> ServiceLauncher.application(DbWriterApplication.SERVICE, DbWriterApplication.class)
                .run("--KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers(), "--SERVER_PORT=0"))
                .satisfies(failure -> assertThat(InvalidSettingException.findIn(failure))
                        .hasValueSatisfying(setting -> assertThat(setting.getMessage())
                                .startsWith("DATABASE_URL is not set")));
    }

    /** The n-th entry of a user, caused by an update of its own and recorded a minute after the previous one. */
    private static LedgerEntry entry(long user, int n, long delta, long balanceAfter, LedgerKind kind) {
        String cause = causeOf(user * 1000 + n);
        return new LedgerEntry(EventIds.derived(cause, "credit", 0), user, delta, balanceAfter, kind,
                kind.name().toLowerCase(), cause, T0.plus(n, ChronoUnit.MINUTES));
    }

    private static long newUserId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
    }

    private static String key(long user) {
        return Long.toString(user);
    }

    private static String newListingId() {
        return "lst-" + UUID.randomUUID();
    }

    private static void awaitListing(String listingId) {
        await().atMost(WAIT).until(
                () -> database.count("SELECT count(*) FROM listings WHERE listing_id = ?", listingId) == 1);
    }

    private static List<Map<String, Object>> listingOf(String listingId) {
        return database.rows("SELECT * FROM listings WHERE listing_id = ?", listingId);
    }

    private static List<Map<String, Object>> unlocksOf(long user) {
        return database.rows("SELECT * FROM unlocks WHERE user_id = ? ORDER BY unlock_id", user);
    }

    private static List<Map<String, Object>> auditOf(long user) {
        return database.rows("SELECT * FROM audit_log WHERE target = ? ORDER BY audit_id", "user:" + user);
    }

    private static void awaitLedgerRows(long user, int rows) {
        await().atMost(WAIT).until(
                () -> database.count("SELECT count(*) FROM credit_ledger WHERE user_id = ?", user) == rows);
    }

    private static void awaitProfile(long user) {
        await().atMost(WAIT).until(() -> database.count("SELECT count(*) FROM users WHERE user_id = ?", user) == 1);
    }

    private static void awaitCaughtUp() {
        await().atMost(WAIT).until(() -> kafka.caughtUp(groupId, PERSISTED));
    }

    /** Every dead letter on the topic so far. */
    private static List<DeadLetter> deadLetters(Topic<String, DeadLetter> topic) {
        return CommittedRecords.of(broker.bootstrapServers(), topic).stream().map(ConsumerRecord::value).toList();
    }

    /** Dead letters of one user's ledger records (another writer of this class re-reads the topic and adds its own). */
    private static List<DeadLetter> ledgerDeadLettersOf(long user) {
        return deadLetters(Topics.deadLettersOf(Topics.LEDGER)).stream()
                .filter(letter -> key(user).equals(letter.key()))
                .toList();
    }

    private static List<Map<String, Object>> ledgerOf(long user) {
        return database.rows("SELECT * FROM credit_ledger WHERE user_id = ? ORDER BY entry_id", user);
    }

    private static List<Map<String, Object>> profileOf(long user) {
        return database.rows("SELECT * FROM users WHERE user_id = ?", user);
    }

    private static double rowsWritten(String table) {
        return app.getBean(MeterRegistry.class).get("contactdesk.db.rows.written").tag("table", table).counter().count();
    }

    private static String status(HttpResponse<String> health, String component) throws Exception {
        return Json.mapper().readTree(health.body()).at("/components/" + component + "/status").asText();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A cause id unique to the test: db-writer stores cause ids as given. (These numbers outgrow Telegram's 32-bit
     * update ids, so they are not made with {@code EventIds.update}.)
     */
    private static String causeOf(long n) {
        return "update:" + n;
    }
}
