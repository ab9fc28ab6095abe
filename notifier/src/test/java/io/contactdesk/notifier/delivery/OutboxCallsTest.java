package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactdesk.contracts.events.InlineButton;
import io.contactdesk.contracts.events.InlineKeyboard;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;

class OutboxCallsTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private static final InlineKeyboard PAGES = InlineKeyboard.of(List.of(
            List.of(new InlineButton("« Prev", "page:1"), new InlineButton("Next »", "page:3")),
            List.of(new InlineButton("Unlock", "unlock:17"))));

    @Test
    void sendMessageKeepsTheHtmlTextAndTheInlineKeyboard() {
        // given a reply whose user fragment the processor already escaped
        OutboxMessage message = OutboxMessage.sendMessage(
                "update:7/reply:0", 42, "<b>Results</b> for &lt;b&gt;plumber&lt;/b&gt;", PAGES, "update:7", AT);

        // when it arrives from Kafka (params are plain maps then) and is mapped
        SendMessage call = (SendMessage) OutboxCalls.toMethod(throughKafka(message));

        // then
        assertThat(call.getChatId()).isEqualTo("42");
        assertThat(call.getText()).isEqualTo("<b>Results</b> for &lt;b&gt;plumber&lt;/b&gt;");
        assertThat(call.getParseMode()).isEqualTo("HTML");
        assertThat(call.getReplyMarkup()).isInstanceOf(InlineKeyboardMarkup.class);
        List<List<InlineKeyboardButton>> rows = ((InlineKeyboardMarkup) call.getReplyMarkup()).getKeyboard().stream()
                .map(List::copyOf).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).extracting(InlineKeyboardButton::getText, InlineKeyboardButton::getCallbackData)
                .containsExactly(tuple("« Prev", "page:1"),
                        tuple("Next »", "page:3"));
        assertThat(rows.get(1).get(0).getCallbackData()).isEqualTo("unlock:17");
    }

    @Test
    void sendMessageGoesOverTheWireWithBotApiNames() throws Exception {
        // given
        OutboxMessage message = OutboxMessage.sendMessage("update:7/reply:0", 42, "<i>hi</i>", PAGES, "update:7", AT);

        // when telegrambots serializes the mapped call (as OkHttpTelegramClient does)
        JsonNode wire = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(OutboxCalls.toMethod(message)));

        // then
        assertThat(wire.path("chat_id").asText()).isEqualTo("42");
        assertThat(wire.path("text").asText()).isEqualTo("<i>hi</i>");
        assertThat(wire.path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(wire.path("reply_markup").path("inline_keyboard").get(1).get(0).path("callback_data").asText())
                .isEqualTo("unlock:17");
    }

    @Test
    void editMessageTextTargetsTheMessageAndReplacesItsKeyboard() {
        // given
        OutboxMessage message = OutboxMessage.editMessageText(
                "update:8/reply:0", 42, 1001, "<b>Page 3</b>", PAGES, "update:8", AT);

        // when
        EditMessageText call = (EditMessageText) OutboxCalls.toMethod(throughKafka(message));

        // then
        assertThat(call.getChatId()).isEqualTo("42");
        assertThat(call.getMessageId()).isEqualTo(1001);
        assertThat(call.getText()).isEqualTo("<b>Page 3</b>");
        assertThat(call.getParseMode()).isEqualTo("HTML");
        assertThat(call.getReplyMarkup().getKeyboard()).hasSize(2);
    }

    @Test
    void answerCallbackQueryCarriesTheQueryIdAndText() {
        // given
        OutboxMessage message = OutboxMessage.answerCallbackQuery(
                "update:9/answer:0", 42, "cbq-123", "Unlocked", "update:9", AT);

        // when
        AnswerCallbackQuery call = (AnswerCallbackQuery) OutboxCalls.toMethod(throughKafka(message));

        // then
        assertThat(call.getCallbackQueryId()).isEqualTo("cbq-123");
        assertThat(call.getText()).isEqualTo("Unlocked");
    }

    @Test
    void unknownMethodIsAnInvalidCall() {
        OutboxMessage message = new OutboxMessage("x:1", 42, "sendPoll", Map.of("chat_id", 42), "x", AT);

        assertThatThrownBy(() -> OutboxCalls.toMethod(message))
                .isInstanceOf(OutboxCalls.InvalidCallException.class)
                .hasMessageContaining("sendPoll");
    }

    @Test
    void paramsThatDoNotFitTheMethodAreAnInvalidCall() {
        OutboxMessage message = new OutboxMessage(
                "x:1", 42, OutboxMessage.EDIT_MESSAGE_TEXT, Map.of("chat_id", 42, "message_id", "not-a-number"), "x", AT);

        assertThatThrownBy(() -> OutboxCalls.toMethod(message))
                .isInstanceOf(OutboxCalls.InvalidCallException.class)
                .hasMessageStartingWith("params do not make a editMessageText call");
    }

    @Test
    void textsWithoutParseModeAreSentAsHtml() {
        OutboxMessage message = new OutboxMessage(
                "x:1", 42, OutboxMessage.SEND_MESSAGE, Map.of("chat_id", 42, "text", "<b>hi</b>"), "x", AT);

        assertThat(((SendMessage) OutboxCalls.toMethod(message)).getParseMode()).isEqualTo("HTML");
    }

    @Test
    void missingRequiredParamIsAnInvalidCall() {
        // telegrambots' builders refuse a null chat_id: that must become a dead letter, not a stuck partition
        OutboxMessage message = new OutboxMessage(
                "x:1", 42, OutboxMessage.SEND_MESSAGE, Map.of("text", "hi", "parse_mode", "HTML"), "x", AT);

        assertThatThrownBy(() -> OutboxCalls.toMethod(message))
                .isInstanceOf(OutboxCalls.InvalidCallException.class)
                .hasMessageContaining("chatId");
    }

    private static OutboxMessage throughKafka(OutboxMessage message) {
        var serde = Topics.OUTBOX.valueSerde();
        return serde.deserializer().deserialize(Topics.OUTBOX.name(), serde.serializer().serialize(Topics.OUTBOX.name(), message));
    }

    @Test
    void anInvoiceInStarsGoesOverTheWireWithAnEmptyProviderTokenAndOnePrice() throws Exception {
        OutboxMessage invoice = OutboxMessage.sendInvoice("update:7/reply:1", 42, "50 credits", "50 credits to unlock",
                "v1.50.200.42.1.AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", "50 credits", 200, "update:7", AT);

        BotApiMethod<?> call =
                OutboxCalls.toMethod(throughKafka(invoice));
        call.validate();
        JsonNode wire = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(call));

        assertThat(wire.path("method").asText()).isEqualTo("sendinvoice");
        assertThat(wire.path("currency").asText()).isEqualTo("XTR");
        assertThat(wire.has("provider_token")).isTrue();
        assertThat(wire.path("provider_token").asText()).isEmpty();
        assertThat(wire.path("prices")).hasSize(1);
        assertThat(wire.path("prices").get(0).path("amount").asInt()).isEqualTo(200);
    }

    @Test
    void aPreCheckoutAnswerCarriesItsVerdictAndOnlyARefusalItsReason() throws Exception {
        OutboxMessage refused = OutboxMessage.answerPreCheckoutQuery("update:8/reply:0", 42, "q1", false,
                "This invoice has expired.", "update:8", AT);

        JsonNode wire = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(
                OutboxCalls.toMethod(throughKafka(refused))));

        assertThat(wire.path("pre_checkout_query_id").asText()).isEqualTo("q1");
        assertThat(wire.path("ok").asBoolean(true)).isFalse();
        assertThat(wire.path("error_message").asText()).isEqualTo("This invoice has expired.");
    }
}
