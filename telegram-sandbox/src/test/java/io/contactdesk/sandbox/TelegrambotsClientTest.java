package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.invoices.SendInvoice;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.payments.LabeledPrice;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** The services talk to the sandbox through telegrambots' own client; it must work unchanged. */
class TelegrambotsClientTest extends SandboxTestBase {

    private OkHttpTelegramClient telegram;

    @BeforeEach
    void pointTheClientAtTheSandbox() {
        telegram = new OkHttpTelegramClient(sandbox.token(),
                TelegramUrl.builder().schema("http").host("localhost").port(sandbox.port()).build());
    }

    @Test
    void clientPollsSendsAndEdits() throws Exception {
        client.userWrites(USER, "/start");

        List<Update> updates = telegram.execute(GetUpdates.builder().timeout(1).build());
        Message sent = telegram.execute(SendMessage.builder().chatId(USER).text("<b>Menu</b>").parseMode("HTML")
                .replyMarkup(InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                        InlineKeyboardButton.builder().text("Next").callbackData("page:2").build())).build())
                .build());
        telegram.execute(EditMessageText.builder().chatId(USER).messageId(sent.getMessageId()).text("Page 2").build());

        assertThat(updates).singleElement().satisfies(u -> assertThat(u.getMessage().getText()).isEqualTo("/start"));
        assertThat(sent.getText()).isEqualTo("Menu");
        assertThat(sent.getReplyMarkup().getKeyboard().get(0).get(0).getCallbackData()).isEqualTo("page:2");
        assertThat(client.get("chats/" + USER + "/messages").body().get(0).get("text").asText()).isEqualTo("Page 2");
        assertThat(client.get("spec-violations").body()).isEmpty();
    }

    @Test
    void clientSendsAnInvoiceInStarsAndReadsTheInvoiceMessageBack() throws Exception {
        client.userWrites(USER, "/buy");

        Message sent = telegram.execute(SendInvoice.builder()
                .chatId(USER).title("50 credits").description("50 credits to unlock").payload("v1.test")
                .providerToken("").currency("XTR")
                .price(new LabeledPrice("50 credits", 200))
                .build());

        assertThat(sent.getInvoice().getTotalAmount()).isEqualTo(200);
        assertThat(client.get("spec-violations").body()).isEmpty();
    }

    @Test
    void clientSeesRetryAfterOnTooManyRequests() {
        client.userWrites(USER, "/start");
        client.post("faults", Map.of("method", "sendMessage", "status", 429, "retry_after", 3));

        TelegramApiRequestException error = catchThrowableOfType(TelegramApiRequestException.class,
                () -> telegram.execute(SendMessage.builder().chatId(USER).text("hi").build()));

        assertThat(error.getErrorCode()).isEqualTo(429);
        assertThat(error.getParameters().getRetryAfter()).isEqualTo(3);
    }
}
