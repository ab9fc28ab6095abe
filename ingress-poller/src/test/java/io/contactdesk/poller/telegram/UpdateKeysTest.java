package io.contactdesk.poller.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

class UpdateKeysTest {

    private final ObjectMapper json = new ObjectMapper();

    private Update update(String body) throws Exception {
        return json.readValue(body, Update.class);
    }

    @Test
    void aMessageIsKeyedByItsSender() throws Exception {
        Update message = update("""
                {"update_id":1,"message":{"message_id":5,"date":1,"text":"hi",
                 "from":{"id":42,"is_bot":false,"first_name":"Ada"},"chat":{"id":-100,"type":"group"}}}""");

        assertThat(UpdateKeys.keyOf(message)).isEqualTo("42");
    }

    @Test
    void aCallbackQueryIsKeyedByWhoTapped() throws Exception {
        Update callback = update("""
                {"update_id":2,"callback_query":{"id":"q","chat_instance":"c","data":"x",
                 "from":{"id":77,"is_bot":false,"first_name":"Bo"}}}""");

        assertThat(UpdateKeys.keyOf(callback)).isEqualTo("77");
    }

    @Test
    void aChannelPostWithoutSenderIsKeyedByItsChat() throws Exception {
        Update post = update("""
                {"update_id":3,"channel_post":{"message_id":1,"date":1,"text":"news","chat":{"id":-1001,"type":"channel"}}}""");

        assertThat(UpdateKeys.keyOf(post)).isEqualTo("-1001");
    }
}
