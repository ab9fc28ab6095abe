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
    void aPrivateMessageIsKeyedByItsSender() throws Exception {
        Update message = update("""
                {"update_id":1,"message":{"message_id":5,"date":1,"text":"hi",
                 "from":{"id":42,"is_bot":false,"first_name":"Ada"},"chat":{"id":42,"type":"private"}}}""");

        assertThat(UpdateKeys.keyOf(message)).isEqualTo("42");
    }

    @Test
    void aMessageInAGroupIsKeyedByTheGroup() throws Exception {
        Update message = update("""
                {"update_id":1,"message":{"message_id":5,"date":1,"text":"hi",
                 "from":{"id":42,"is_bot":false,"first_name":"Ada"},"chat":{"id":-100,"type":"group"}}}""");

        assertThat(UpdateKeys.keyOf(message)).isEqualTo("-100");
    }

    @Test
    void anEditedMessageInASupergroupIsKeyedByTheSupergroup() throws Exception {
        Update edit = update("""
                {"update_id":1,"edited_message":{"message_id":5,"date":1,"edit_date":2,"text":"hi!",
                 "from":{"id":42,"is_bot":false,"first_name":"Ada"},"chat":{"id":-1002,"type":"supergroup"}}}""");

        assertThat(UpdateKeys.keyOf(edit)).isEqualTo("-1002");
    }

    @Test
    void aCallbackOnAMessageInAGroupIsKeyedByTheGroup() throws Exception {
        Update callback = update("""
                {"update_id":2,"callback_query":{"id":"q","chat_instance":"c","data":"x",
                 "from":{"id":77,"is_bot":false,"first_name":"Bo"},
                 "message":{"message_id":9,"date":1,"text":"pick","chat":{"id":-100,"type":"group"}}}}""");

        assertThat(UpdateKeys.keyOf(callback)).isEqualTo("-100");
    }

    @Test
    void aCallbackOnAMessageInAPrivateChatIsKeyedByWhoTapped() throws Exception {
        Update callback = update("""
                {"update_id":2,"callback_query":{"id":"q","chat_instance":"c","data":"x",
                 "from":{"id":77,"is_bot":false,"first_name":"Bo"},
                 "message":{"message_id":9,"date":1,"text":"pick","chat":{"id":77,"type":"private"}}}}""");

        assertThat(UpdateKeys.keyOf(callback)).isEqualTo("77");
    }

    @Test
    void theBotAddedToAGroupIsKeyedByTheGroup() throws Exception {
        Update added = update("""
                {"update_id":4,"my_chat_member":{"date":1,"chat":{"id":-100,"type":"group","title":"G"},
                 "from":{"id":42,"is_bot":false,"first_name":"Ada"},
                 "old_chat_member":{"status":"left","user":{"id":1,"is_bot":true,"first_name":"Bot"}},
                 "new_chat_member":{"status":"member","user":{"id":1,"is_bot":true,"first_name":"Bot"}}}}""");

        assertThat(UpdateKeys.keyOf(added)).isEqualTo("-100");
    }

    @Test
    void theBotBlockedInAPrivateChatIsKeyedByTheUser() throws Exception {
        Update blocked = update("""
                {"update_id":5,"my_chat_member":{"date":1,"chat":{"id":42,"type":"private","first_name":"Ada"},
                 "from":{"id":42,"is_bot":false,"first_name":"Ada"},
                 "old_chat_member":{"status":"member","user":{"id":1,"is_bot":true,"first_name":"Bot"}},
                 "new_chat_member":{"status":"kicked","until_date":0,"user":{"id":1,"is_bot":true,"first_name":"Bot"}}}}""");

        assertThat(UpdateKeys.keyOf(blocked)).isEqualTo("42");
    }

    @Test
    void aPreCheckoutQueryIsKeyedByThePayer() throws Exception {
        Update checkout = update("""
                {"update_id":6,"pre_checkout_query":{"id":"p","currency":"XTR","total_amount":5,
                 "invoice_payload":"x","from":{"id":42,"is_bot":false,"first_name":"Ada"}}}""");

        assertThat(UpdateKeys.keyOf(checkout)).isEqualTo("42");
    }

    @Test
    void aCallbackOnAnInlineMessageIsKeyedByWhoTapped() throws Exception {
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
