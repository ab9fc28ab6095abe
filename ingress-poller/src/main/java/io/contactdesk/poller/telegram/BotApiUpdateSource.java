package io.contactdesk.poller.telegram;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * {@code getUpdates} through the telegrambots client, with the offset this service keeps in Kafka (the client's own
 * long-polling application confirms updates before they are safe, see FIELD-NOTES).
 */
public final class BotApiUpdateSource implements UpdateSource {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final OkHttpClient http;
    private final OkHttpTelegramClient client;
    private final TelegramSettings settings;

    public BotApiUpdateSource(TelegramSettings settings) {
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
                received.add(new ReceivedUpdate(update.getUpdateId(), UpdateKeys.keyOf(update), JSON.writeValueAsString(update)));
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
                .build();
    }

    @Override
    public void interrupt() {
        http.dispatcher().cancelAll();
    }
}
