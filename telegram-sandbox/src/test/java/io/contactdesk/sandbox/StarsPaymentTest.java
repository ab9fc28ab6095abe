package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.sandbox.spec.BotApiSpec;
import io.contactdesk.testsupport.SandboxClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Invoices in Telegram Stars, the pre-checkout handshake, refunds and the bot's Star transactions. */
class StarsPaymentTest extends SandboxTestBase {

    private static final String PAYLOAD = "v1.50.200.424242.1764950400.AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA";

    private Map<String, Object> invoice(Map<String, Object> changes) {
        Map<String, Object> params = new HashMap<>();
        params.put("chat_id", USER);
        params.put("title", "50 credits");
        params.put("description", "50 credits to unlock contacts");
        params.put("payload", PAYLOAD);
        params.put("provider_token", "");
        params.put("currency", "XTR");
        params.put("prices", List.of(Map.of("label", "50 credits", "amount", 200)));
        params.putAll(changes);
        return params;
    }

    private long sendInvoice() {
        SandboxClient.Answer sent = client.bot("sendInvoice", invoice(Map.of()));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return sent.result().get("message_id").asLong();
    }

    /** The bot's side of the handshake: the next pre_checkout_query, answered as given. */
    private JsonNode answerNextPreCheckout(long offset, boolean ok) {
        JsonNode query = nextUpdate(offset, "pre_checkout_query");
        Map<String, Object> answer = new HashMap<>();
        answer.put("pre_checkout_query_id", query.get("pre_checkout_query").get("id").asText());
        answer.put("ok", ok);
        if (!ok) {
            answer.put("error_message", "This invoice has expired.");
        }
        assertThat(client.bot("answerPreCheckoutQuery", answer).status()).isEqualTo(200);
        return query;
    }

    private JsonNode nextUpdate(long offset, String type) {
        for (JsonNode update : client.bot("getUpdates", Map.of("offset", offset, "timeout", 5)).result()) {
            if (update.has(type)) {
                return update;
            }
        }
        throw new AssertionError("no " + type + " after " + offset);
    }

    private CompletableFuture<JsonNode> pay(long messageId) {
        return CompletableFuture.supplyAsync(() ->
                client.post("users/" + USER + "/pay", Map.of("message_id", messageId)).body());
    }

    @Test
    void anInvoiceInStarsIsSentAsAMessageWithItsInvoiceAndAPayButton() {
        long start = client.userWrites(USER, "/buy");

        JsonNode sent = client.bot("sendInvoice", invoice(Map.of())).result();

        assertThat(sent.path("invoice").path("total_amount").asInt()).isEqualTo(200);
        assertThat(BotApiSpec.get().checkObject("Message", sent)).isEmpty();
        assertThat(client.get("chats/" + USER + "/messages").body().get(0).path("reply_markup").toString())
                .contains("\"pay\":true");
        assertThat(client.get("spec-violations").body()).isEmpty();
        assertThat(start).isPositive();
    }

    @Test
    void anInvoiceBreakingTheRulesForStarsIsRefused() {
        client.userWrites(USER, "/buy");

        assertThat(client.bot("sendInvoice", invoice(Map.of("currency", "EUR"))).status()).isEqualTo(400);
        assertThat(client.bot("sendInvoice", invoice(Map.of("provider_token", "284685063:TEST"))).status())
                .isEqualTo(400);
        assertThat(client.bot("sendInvoice", invoice(Map.of("prices", List.of(Map.of("label", "a", "amount", 100),
                Map.of("label", "b", "amount", 100))))).body().path("description").asText())
                .contains("exactly one price");
        assertThat(client.bot("sendInvoice", invoice(Map.of("payload", "x".repeat(129)))).body()
                .path("description").asText()).contains("1 to 128 bytes");
        assertThat(client.bot("sendInvoice", invoice(Map.of("payload", ""))).status()).isEqualTo(400);
        assertThat(client.bot("sendInvoice", invoice(Map.of("suggested_tip_amounts", List.of(10)))).status())
                .isEqualTo(400);
    }

    @Test
    void anAcceptedPreCheckoutChargesTheUserAndDeliversTheSuccessfulPayment() throws Exception {
        long start = client.userWrites(USER, "/buy");
        long invoice = sendInvoice();

        CompletableFuture<JsonNode> paying = pay(invoice);
        JsonNode query = answerNextPreCheckout(start + 1, true);
        JsonNode paid = paying.get(10, TimeUnit.SECONDS);

        assertThat(query.get("pre_checkout_query").path("invoice_payload").asText()).isEqualTo(PAYLOAD);
        assertThat(paid.path("status").asText()).isEqualTo("paid");
        JsonNode payment = nextUpdate(query.get("update_id").asLong() + 1, "message");
        assertThat(payment.path("message").path("successful_payment").path("telegram_payment_charge_id").asText())
                .isEqualTo(paid.path("charge_id").asText());
        assertThat(BotApiSpec.get().checkObject("Update", payment)).isEmpty();
        assertThat(BotApiSpec.get().checkObject("Update", query)).isEmpty();
    }

    @Test
    void aRefusedPreCheckoutChargesNothing() throws Exception {
        long start = client.userWrites(USER, "/buy");
        long invoice = sendInvoice();

        CompletableFuture<JsonNode> paying = pay(invoice);
        answerNextPreCheckout(start + 1, false);

        JsonNode declined = paying.get(10, TimeUnit.SECONDS);
        assertThat(declined.path("status").asText()).isEqualTo("declined");
        assertThat(declined.path("error_message").asText()).isEqualTo("This invoice has expired.");
        assertThat(client.bot("getStarTransactions", Map.of()).result().path("transactions")).isEmpty();
    }

    /** What a latency trace reads: when the query was queued, handed to getUpdates, and answered. */
    @Test
    void anAnsweredPreCheckoutIsInTheReplyLogWithItsQueryTimes() throws Exception {
        long start = client.userWrites(USER, "/buy");
        CompletableFuture<JsonNode> paying = pay(sendInvoice());
        JsonNode query = answerNextPreCheckout(start + 1, true);
        paying.get(10, TimeUnit.SECONDS);

        JsonNode answered = StreamSupport.stream(client.get("replies").body().get("replies").spliterator(), false)
                .filter(entry -> entry.get("method").asText().equals("answerPreCheckoutQuery")).findFirst().orElseThrow();
        assertThat(answered.get("update_id").asLong()).isEqualTo(query.get("update_id").asLong());
        assertThat(answered.get("chat_id").asLong()).isEqualTo(USER);
        long enqueued = answered.get("enqueued_at_us").asLong();
        assertThat(enqueued).isPositive();
        assertThat(answered.get("delivered_at_us").asLong()).isGreaterThanOrEqualTo(enqueued);
        assertThat(answered.get("at_us").asLong()).isGreaterThanOrEqualTo(answered.get("delivered_at_us").asLong());
    }

    @Test
    void aPreCheckoutIsAnsweredOnce() throws Exception {
        long start = client.userWrites(USER, "/buy");
        CompletableFuture<JsonNode> paying = pay(sendInvoice());
        JsonNode query = answerNextPreCheckout(start + 1, true);
        paying.get(10, TimeUnit.SECONDS);

        SandboxClient.Answer again = client.bot("answerPreCheckoutQuery", Map.of("pre_checkout_query_id",
                query.get("pre_checkout_query").get("id").asText(), "ok", true));

        assertThat(again.status()).isEqualTo(400);
    }

    @Test
    void anEarlierPaymentIsDeliveredAgainUnderANewUpdateIdWithTheSameChargeId() throws Exception {
        long start = client.userWrites(USER, "/buy");
        long invoice = sendInvoice();
        CompletableFuture<JsonNode> paying = pay(invoice);
        answerNextPreCheckout(start + 1, true);
        JsonNode paid = paying.get(10, TimeUnit.SECONDS);

        JsonNode again = client.post("users/" + USER + "/pay", Map.of("message_id", invoice,
                "charge_id", paid.path("charge_id").asText())).body();

        assertThat(again.path("charge_id").asText()).isEqualTo(paid.path("charge_id").asText());
        assertThat(again.path("update_id").asLong()).isGreaterThan(paid.path("update_id").asLong());
        assertThat(client.bot("getStarTransactions", Map.of()).result().path("transactions")).hasSize(1);
    }

    @Test
    void aPaymentIsRefundedOnceAndBothShowInTheStarTransactions() throws Exception {
        long start = client.userWrites(USER, "/buy");
        CompletableFuture<JsonNode> paying = pay(sendInvoice());
        answerNextPreCheckout(start + 1, true);
        String charge = paying.get(10, TimeUnit.SECONDS).path("charge_id").asText();

        SandboxClient.Answer refund = client.bot("refundStarPayment", Map.of("user_id", USER,
                "telegram_payment_charge_id", charge));
        SandboxClient.Answer twice = client.bot("refundStarPayment", Map.of("user_id", USER,
                "telegram_payment_charge_id", charge));

        assertThat(refund.status()).isEqualTo(200);
        assertThat(twice.body().path("description").asText()).contains("CHARGE_ALREADY_REFUNDED");
        JsonNode transactions = client.bot("getStarTransactions", Map.of("limit", 10)).result();
        assertThat(BotApiSpec.get().checkObject("StarTransactions", transactions)).isEmpty();
        assertThat(transactions.path("transactions")).hasSize(2);
        assertThat(transactions.path("transactions").get(0).has("source")).isTrue();
        assertThat(transactions.path("transactions").get(1).has("receiver")).isTrue();
        assertThat(client.get("spec-violations").body()).isEmpty();
    }
}
