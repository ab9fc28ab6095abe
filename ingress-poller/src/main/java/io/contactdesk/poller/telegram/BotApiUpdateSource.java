package io.contactdesk.poller.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * {@code getUpdates} through the telegrambots client, with the offset this service keeps in Kafka (the client's own
 * long-polling application confirms updates before they are safe, see FIELD-NOTES).
 */
public final class BotApiUpdateSource implements UpdateSource {

    /**
     * The update types the bot uses, named on every {@code getUpdates}: left out, Telegram keeps whatever was set last
     * (by any earlier client of this token), and its default set brings types nobody here reads (FIELD-NOTES,
     * 2026-12-05). Telegram never stores a type that is not asked for, so a type added here later is not back-filled.
     */
    public static final List<String> ALLOWED_UPDATES = List.of(
            // commands, and what users type in a dialogue such as /submit
            "message",
            // a user correcting a message already sent (a command, a contact): without it the edit is never seen
            "edited_message",
            // the inline buttons under the bot's messages (unlock, confirm, pages)
            "callback_query",
            // users blocking or unblocking the bot, and the bot added to or removed from groups and channels
            "my_chat_member",
            // reserved for payments in Stars: once invoices are sent, each must be answered within 10 s
            "pre_checkout_query");

    private final OkHttpClient http;
    private final OkHttpTelegramClient client;
    private final TelegramPollingSettings settings;

    public BotApiUpdateSource(TelegramPollingSettings settings) {
        this.settings = settings;
        // The read timeout must outlast the long poll, or every quiet poll would end as an error.
        Duration readTimeout = settings.pollTimeout().plusSeconds(15);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(readTimeout)
                .callTimeout(readTimeout.plusSeconds(10))
                .build();
        URI api = settings.apiUri();
        int port = api.getPort() != -1 ? api.getPort() : "https".equals(api.getScheme()) ? 443 : 80;
        this.client = new OkHttpTelegramClient(http, settings.token(),
                new TelegramUrl(api.getScheme(), api.getHost(), port, false));
    }

    @Override
    public List<ReceivedUpdate> poll(int offset) throws UpdateSourceException {
        GetUpdates request = request(offset);
        try {
            List<ReceivedUpdate> received = new ArrayList<>();
            for (Update update : client.execute(request)) {
                received.add(ReceivedUpdate.of(update));
            }
            return received;
        } catch (TelegramApiException | JsonProcessingException | RuntimeException e) {
            // Transport errors may quote the request URL, which holds the token.
            String reason = String.valueOf(e.getMessage()).replace(settings.token(), "<token>");
            throw new UpdateSourceException("getUpdates failed: " + reason, null);
        }
    }

    private GetUpdates request(int offset) {
        return GetUpdates.builder()
                .offset(offset)
                .limit(settings.pollLimit())
                .timeout(settings.pollTimeoutSeconds())
                .allowedUpdates(ALLOWED_UPDATES)
                .build();
    }

    /**
     * Polling needs the webhook gone (while one is set, getUpdates answers 409). Pending updates are kept: they are
     * what the next poll brings, so switching from webhook to polling loses none.
     */
    @Override
    public void deleteWebhook() throws UpdateSourceException {
        call("deleteWebhook", () -> client.execute(DeleteWebhook.builder().dropPendingUpdates(false).build()));
    }

    /**
     * Asks Telegram to push updates to {@code url}, with the same explicit {@link #ALLOWED_UPDATES} the poller names,
     * and pending updates kept: what was not yet polled is delivered to the webhook instead.
     */
    public void setWebhook(String url, String secretToken, int maxConnections) throws UpdateSourceException {
        call("setWebhook", () -> client.execute(SetWebhook.builder()
                .url(url)
                .secretToken(secretToken)
                .maxConnections(maxConnections)
                .allowedUpdates(ALLOWED_UPDATES)
                .dropPendingUpdates(false)
                .build()));
    }

    public WebhookInfo webhookInfo() throws UpdateSourceException {
        return call("getWebhookInfo", () -> client.execute(new GetWebhookInfo()));
    }

    private interface Call<T> {
        T run() throws TelegramApiException;
    }

    private <T> T call(String method, Call<T> call) throws UpdateSourceException {
        try {
            return call.run();
        } catch (TelegramApiException | RuntimeException e) {
            throw new UpdateSourceException(method + " failed: " + String.valueOf(e.getMessage())
                    .replace(settings.token(), "<token>"), null);
        }
    }

    @Override
    public void interrupt() {
        http.dispatcher().cancelAll();
    }
}
