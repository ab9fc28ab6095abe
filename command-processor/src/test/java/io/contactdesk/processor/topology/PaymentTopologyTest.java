package io.contactdesk.processor.topology;

import static io.contactdesk.processor.TelegramUpdates.callback;
import static io.contactdesk.processor.TelegramUpdates.message;
import static io.contactdesk.processor.TelegramUpdates.preCheckout;
import static io.contactdesk.processor.TelegramUpdates.successfulPayment;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.AuditEvent;
import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.streams.InMemoryStateDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buying credits with Telegram Stars through the whole topology: /buy, invoice, pre-checkout, payment. */
class PaymentTopologyTest {

    @TempDir(factory = InMemoryStateDirectory.class)
    Path stateDir;

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final long ADA = 42;
    private static final long BOB = 43;

    private DriverUnderTest topology;
    private TestOutputTopic<String, OutboxMessage> outbox;
    private TestOutputTopic<String, OutboxMessage> priority;
    private TestOutputTopic<String, LedgerEntry> ledger;
    private TestOutputTopic<String, StarPayment> payments;
    private TestOutputTopic<String, AuditEvent> audit;
    private TestInputTopic<String, DeliveryReport> reports;
    private long nextUpdateId = 1;
    private Instant clock = T0;

    @BeforeEach
    void startTopology() {
        topology = new DriverUnderTest("payment-topology-test", stateDir, T0);
        outbox = topology.output(Topics.OUTBOX);
        priority = topology.output(Topics.OUTBOX_PRIORITY);
        ledger = topology.output(Topics.LEDGER);
        payments = topology.output(Topics.PAYMENTS);
        audit = topology.output(Topics.AUDIT);
        reports = topology.input(Topics.DELIVERY_REPORTS);
    }

    @AfterEach
    void stopTopology() {
        topology.close();
    }

    private void send(long user, String update, Duration after) {
        clock = clock.plus(after);
        topology.updates().pipeInput(Long.toString(user), update, clock);
    }

    private List<OutboxMessage> say(long user, String text) {
        send(user, message(nextUpdateId++, user, text), Duration.ofSeconds(7));
        return outbox.readValuesToList();
    }

    /** /start, /buy, a tap on the pack of {@code packId}: the invoice's payload. */
    private String invoiceFor(long user, String packId) {
        say(user, "/start");
        List<OutboxMessage> offer = say(user, "/buy");
        assertThat(buttons(offer.get(0))).contains("buy:" + packId);
        send(user, callback(nextUpdateId++, user, 1000, "buy:" + packId), Duration.ofSeconds(7));
        OutboxMessage invoice = outbox.readValuesToList().stream()
                .filter(m -> m.method().equals(OutboxMessage.SEND_INVOICE)).findFirst().orElseThrow();
        return (String) invoice.params().get("payload");
    }

    private OutboxMessage preCheckoutAnswer(long user, long stars, String payload, Duration after) {
        send(user, preCheckout(nextUpdateId++, user, "q" + nextUpdateId, stars, payload), after);
        List<OutboxMessage> answers = priority.readValuesToList();
        assertThat(answers).hasSize(1);
        assertThat(outbox.readValuesToList()).as("never on tg.outbox, where it could queue").isEmpty();
        return answers.get(0);
    }

    private List<OutboxMessage> pay(long user, String chargeId, long stars, String payload) {
        send(user, successfulPayment(nextUpdateId++, user, chargeId, stars, payload), Duration.ofSeconds(1));
        return outbox.readValuesToList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> buttons(OutboxMessage message) {
        Map<String, Object> keyboard = Json.mapper().convertValue(message.params().get("reply_markup"), Map.class);
        return ((List<List<Map<String, Object>>>) keyboard.get("inline_keyboard")).stream().flatMap(List::stream)
                .map(button -> (String) button.get("callback_data")).toList();
    }

    @Test
    void buyOffersEveryPackOfTheSettingAsAButton() {
        say(ADA, "/start");

        List<OutboxMessage> offer = say(ADA, "/buy");

        assertThat(buttons(offer.get(0))).containsExactly("buy:10x50", "buy:50x200", "buy:120x400");
    }

    @Test
    void aPackTapSendsAnInvoiceInStarsWithOnePriceAndASignedPayloadWithinTelegramsLimit() {
        say(ADA, "/start");
        say(ADA, "/buy");
        send(ADA, callback(nextUpdateId++, ADA, 1000, "buy:50x200"), Duration.ofSeconds(7));

        OutboxMessage invoice = outbox.readValuesToList().stream()
                .filter(m -> m.method().equals(OutboxMessage.SEND_INVOICE)).findFirst().orElseThrow();

        assertThat(invoice.params()).containsEntry("currency", "XTR").containsEntry("provider_token", "");
        assertThat((List<?>) invoice.params().get("prices")).hasSize(1);
        assertThat(((String) invoice.params().get("payload")).getBytes(StandardCharsets.UTF_8))
                .hasSizeBetween(1, 128);
    }

    @Test
    void aTapOnAPackNoLongerOfferedSendsNoInvoice() {
        say(ADA, "/start");
        send(ADA, callback(nextUpdateId++, ADA, 1000, "buy:999x1"), Duration.ofSeconds(7));

        assertThat(outbox.readValuesToList()).extracting(OutboxMessage::method)
                .containsExactly(OutboxMessage.ANSWER_CALLBACK_QUERY);
    }

    @Test
    void preCheckoutOfOurOwnInvoiceIsAcceptedOnThePriorityTopic() {
        String payload = invoiceFor(ADA, "50x200");

        OutboxMessage answer = preCheckoutAnswer(ADA, 200, payload, Duration.ofSeconds(5));

        assertThat(answer.method()).isEqualTo(OutboxMessage.ANSWER_PRE_CHECKOUT_QUERY);
        assertThat(answer.params()).containsEntry("ok", true).doesNotContainKey("error_message");
    }

    @Test
    void preCheckoutOfATamperedPayloadIsRefusedWithAReason() {
        String payload = invoiceFor(ADA, "10x50");
        // The same invoice, claiming 120 credits for its 50 stars.
        String forged = payload.replaceFirst("^v1\\.10\\.", "v1.120.");

        OutboxMessage answer = preCheckoutAnswer(ADA, 50, forged, Duration.ofSeconds(5));

        assertThat(answer.params()).containsEntry("ok", false).containsEntry("error_message",
                "This invoice is not valid. Send /buy for a new one.");
    }

    @Test
    void preCheckoutOfSomeoneElsesInvoiceIsRefused() {
        String adasPayload = invoiceFor(ADA, "10x50");
        say(BOB, "/start");

        assertThat(preCheckoutAnswer(BOB, 50, adasPayload, Duration.ofSeconds(5)).params()).containsEntry("ok", false);
    }

    @Test
    void preCheckoutOfAnInvoiceOlderThanAnHourIsRefusedAsExpired() {
        String payload = invoiceFor(ADA, "10x50");

        OutboxMessage answer = preCheckoutAnswer(ADA, 50, payload, Duration.ofMinutes(61));

        assertThat(answer.params()).containsEntry("ok", false).containsEntry("error_message",
                "This invoice has expired. Send /buy for a new one.");
    }

    @Test
    void preCheckoutIsAnsweredEvenBeyondTheRateLimit() {
        String payload = invoiceFor(ADA, "10x50");
        for (int i = 0; i < 12; i++) {
            send(ADA, message(nextUpdateId++, ADA, "/balance"), Duration.ofMillis(10));
        }
        outbox.readValuesToList();

        assertThat(preCheckoutAnswer(ADA, 50, payload, Duration.ofMillis(10)).params()).containsEntry("ok", true);
    }

    @Test
    void aSuccessfulPaymentCreditsThePackOnceAsAPurchaseAndThanksWithTheNewBalance() {
        String payload = invoiceFor(ADA, "50x200");
        ledger.readValuesToList();

        List<OutboxMessage> thanks = pay(ADA, "stx-1", 200, payload);

        List<LedgerEntry> entries = ledger.readValuesToList();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(LedgerKind.PURCHASE);
            assertThat(entry.delta()).isEqualTo(50);
            assertThat(entry.balanceAfter()).isEqualTo(53);
        });
        assertThat(payments.readValuesToList()).singleElement().satisfies(payment -> {
            assertThat(payment.chargeId()).isEqualTo("stx-1");
            assertThat(payment.credits()).isEqualTo(50);
            assertThat(payment.stars()).isEqualTo(200);
            assertThat(payment.ledgerEntryId()).isEqualTo(entries.get(0).entryId());
        });
        assertThat((String) thanks.get(0).params().get("text")).contains("50 credits").contains("Balance: <b>53 credits");
    }

    @Test
    void theSamePaymentDeliveredAgainUnderANewUpdateIdCreditsNothing() {
        String payload = invoiceFor(ADA, "50x200");
        pay(ADA, "stx-1", 200, payload);
        ledger.readValuesToList();
        payments.readValuesToList();

        List<OutboxMessage> said = pay(ADA, "stx-1", 200, payload);

        assertThat(said).isEmpty();
        assertThat(ledger.readValuesToList()).isEmpty();
        assertThat(payments.readValuesToList()).isEmpty();
        assertThat((String) say(ADA, "/balance").get(0).params().get("text")).contains("53 credits");
    }

    @Test
    void twoPaymentsOfOneInvoiceAreTwoCharges() {
        String payload = invoiceFor(ADA, "10x50");
        pay(ADA, "stx-1", 50, payload);

        pay(ADA, "stx-2", 50, payload);

        assertThat((String) say(ADA, "/balance").get(0).params().get("text")).contains("23 credits");
    }

    @Test
    void aPaymentForAPayloadThatIsNotOursCreditsNothingAndIsKeptForARefund() {
        say(ADA, "/start");
        ledger.readValuesToList();

        List<OutboxMessage> said = pay(ADA, "stx-9", 50, "v1.10.50.42.9999999999.AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA");

        assertThat(ledger.readValuesToList()).isEmpty();
        assertThat(payments.readValuesToList()).singleElement()
                .satisfies(payment -> assertThat(payment.credits()).isZero());
        assertThat((String) said.get(0).params().get("text")).contains("/paysupport");
    }

    @Test
    void paySupportAndTermsAreAnswered() {
        say(ADA, "/start");

        assertThat((String) say(ADA, "/paysupport").get(0).params().get("text")).contains("Payment support");
        assertThat((String) say(ADA, "/terms").get(0).params().get("text")).contains("Terms");
    }

    // --- refunds -------------------------------------------------------------------------------------------------

    private static final long ADMIN = TestRules.ADMIN;

    /** Ada bought the pack of {@code packId} (charge stx-1); everything said so far is read. */
    private void bought(String packId, long stars) {
        say(ADMIN, "/start");
        pay(ADA, "stx-1", stars, invoiceFor(ADA, packId));
        ledger.readValuesToList();
        payments.readValuesToList();
    }

    /** The admin's /refund; what Telegram is asked (on the priority topic), if anything. */
    private List<OutboxMessage> refund(String arguments) {
        say(ADMIN, "/refund " + arguments);
        return priority.readValuesToList();
    }

    private void telegramAnswers(OutboxMessage refund, DeliveryReport.Finding outcome) {
        clock = clock.plusSeconds(1);
        reports.pipeInput(Long.toString(refund.chatId()), new DeliveryReport(refund.outboxId(), refund.chatId(),
                outcome, outcome == DeliveryReport.Finding.REFUNDED ? null : "Bad Request: CHARGE_ALREADY_REFUNDED",
                clock, refund.causeId(), null), clock);
    }

    @Test
    void statsCountStarsReceivedAndRefundedAndCreditsSoldOncePerCharge() {
        bought("50x200", 200);
        String smallPack = invoiceFor(ADA, "10x50");
        pay(ADA, "stx-2", 50, smallPack);
        pay(ADA, "stx-2", 50, smallPack);
        telegramAnswers(refund("stx-1").get(0), DeliveryReport.Finding.REFUNDED);
        outbox.readValuesToList();

        String stats = (String) say(ADMIN, "/stats").get(0).params().get("text");

        assertThat(stats).contains("Stars received: <b>250</b> ⭐ · refunded: <b>200</b> ⭐",
                "Credits sold: <b>60 credits</b>");
    }

    @Test
    void aRefundAsksTelegramFirstAndTakesTheCreditsBackOnlyOnceItRefunded() {
        bought("50x200", 200);

        List<OutboxMessage> asked = refund("stx-1");

        assertThat(asked).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo(OutboxMessage.REFUND_STAR_PAYMENT);
            assertThat(((Number) call.params().get("user_id")).longValue()).isEqualTo(ADA);
            assertThat(call.params()).containsEntry("telegram_payment_charge_id", "stx-1");
        });
        assertThat(ledger.readValuesToList()).as("nothing before Telegram refunded").isEmpty();

        telegramAnswers(asked.get(0), DeliveryReport.Finding.REFUNDED);

        assertThat(ledger.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(LedgerKind.PURCHASE_REFUND);
            assertThat(entry.delta()).isEqualTo(-50);
            assertThat(entry.balanceAfter()).isEqualTo(3);
        });
        assertThat(payments.readValuesToList()).singleElement().satisfies(payment -> {
            assertThat(payment.isRefunded()).isTrue();
            assertThat(payment.creditsReversed()).isEqualTo(50);
        });
        assertThat(audit.readValuesToList()).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("refund");
            assertThat(event.actorId()).isEqualTo(ADMIN);
            assertThat(event.details()).containsEntry("creditsReversed", "50");
        });
        assertThat(outbox.readValuesToList()).extracting(OutboxMessage::chatId).contains(ADA, ADMIN);
    }

    @Test
    void aPartlySpentPurchaseIsRefundedOnlyOnceTheAdminConfirmsWhatCannotBeTakenBack() {
        bought("10x50", 50);
        say(ADMIN, "/revoke 42 12");

        List<OutboxMessage> said = say(ADMIN, "/refund stx-1");

        assertThat(priority.readValuesToList()).isEmpty();
        assertThat(said).anySatisfy(message -> assertThat((String) message.params().get("text"))
                .contains("has spent 9 credits of the 10 credits").contains("/refund stx-1 confirm"));

        List<OutboxMessage> asked = refund("stx-1 confirm");
        telegramAnswers(asked.get(0), DeliveryReport.Finding.REFUNDED);

        assertThat(ledger.readValuesToList()).filteredOn(entry -> entry.kind() == LedgerKind.PURCHASE_REFUND)
                .singleElement().satisfies(entry -> {
                    assertThat(entry.delta()).isEqualTo(-1);
                    assertThat(entry.balanceAfter()).isZero();
                });
    }

    @Test
    void aSecondReportOfTheSameRefundTakesNothingMore() {
        bought("50x200", 200);
        OutboxMessage asked = refund("stx-1").get(0);
        telegramAnswers(asked, DeliveryReport.Finding.REFUNDED);
        ledger.readValuesToList();

        telegramAnswers(asked, DeliveryReport.Finding.REFUNDED);

        assertThat(ledger.readValuesToList()).isEmpty();
        assertThat((String) say(ADA, "/balance").get(0).params().get("text")).contains("3 credits");
    }

    @Test
    void aRefundTelegramRefusesChangesNothingAndTheAdminLearnsWhy() {
        bought("50x200", 200);
        OutboxMessage asked = refund("stx-1").get(0);

        telegramAnswers(asked, DeliveryReport.Finding.REFUND_FAILED);

        assertThat(ledger.readValuesToList()).isEmpty();
        assertThat(outbox.readValuesToList()).singleElement().satisfies(message -> {
            assertThat(message.chatId()).isEqualTo(ADMIN);
            assertThat((String) message.params().get("text")).contains("CHARGE_ALREADY_REFUNDED");
        });
    }

    @Test
    void aRefundIsAnAdminCommandUnknownToEveryoneElse() {
        bought("50x200", 200);

        say(ADA, "/refund stx-1");

        assertThat(priority.readValuesToList()).isEmpty();
    }

    @Test
    void aRefundOfAChargeNoTaskHoldsTellsTheAdminItIsUnknown() {
        bought("50x200", 200);

        List<OutboxMessage> said = say(ADMIN, "/refund stx-nosuch");

        assertThat(priority.readValuesToList()).as("nothing asked of Telegram").isEmpty();
        assertThat(said).extracting(message -> (String) message.params().get("text")).containsExactly(
                "Looking for payment <code>stx-nosuch</code>…",
                "No payment with the charge id <code>stx-nosuch</code> is known to this bot: nothing was refunded. "
                        + "Check the id against the <code>payments</code> table or Telegram's receipt.");
    }

    @Test
    void aRefundOfAKnownChargeIsNeverCalledUnknown() {
        bought("50x200", 200);

        List<OutboxMessage> said = say(ADMIN, "/refund stx-1");

        assertThat(said).extracting(message -> (String) message.params().get("text"))
                .noneMatch(text -> text.contains("is known to this bot"));
    }
}
