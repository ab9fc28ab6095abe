package io.contactdesk.sandbox.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.chat.BotIdentity;
import io.contactdesk.sandbox.chat.ChatInfo;
import io.contactdesk.sandbox.chat.IncomingMessage;
import io.contactdesk.sandbox.chat.SentMessage;
import io.contactdesk.sandbox.chat.SimulatedUser;
import io.contactdesk.sandbox.payments.Payments;
import java.time.Instant;

/** Renders sandbox state as the Bot API's JSON objects (User, Chat, Message, CallbackQuery, ChatMemberUpdated). */
public final class TelegramObjects {

    private final BotIdentity bot;

    public TelegramObjects(BotIdentity bot) {
        this.bot = bot;
    }

    public ObjectNode me() {
        ObjectNode me = botUser();
        me.put("can_join_groups", false);
        me.put("can_read_all_group_messages", false);
        me.put("supports_inline_queries", false);
        return me;
    }

    public ObjectNode botUser() {
        ObjectNode user = Mapper.object();
        user.put("id", bot.id());
        user.put("is_bot", true);
        user.put("first_name", bot.firstName());
        user.put("username", bot.username());
        return user;
    }

    public ObjectNode user(SimulatedUser profile) {
        ObjectNode user = Mapper.object();
        user.put("id", profile.id());
        user.put("is_bot", false);
        user.put("first_name", profile.firstName());
        user.put("username", profile.username());
        user.put("language_code", profile.languageCode());
        return user;
    }

    public ObjectNode chat(ChatInfo info) {
        ObjectNode chat = Mapper.object();
        chat.put("id", info.id());
        chat.put("type", info.type());
        if (info.user() != null) {
            chat.put("first_name", info.user().firstName());
            chat.put("username", info.user().username());
        } else {
            chat.put("title", info.title());
        }
        return chat;
    }

    /** A user's message, new or (with edit_date) edited; in a channel it is a post signed by the channel. */
    public ObjectNode incoming(IncomingMessage in) {
        ObjectNode message = Mapper.object();
        message.put("message_id", in.messageId());
        if (in.chat().isChannel()) {
            message.set("sender_chat", chat(in.chat()));
        } else {
            message.set("from", user(in.from()));
        }
        message.set("chat", chat(in.chat()));
        message.put("date", unix(in.date()));
        if (in.editDate() != null) {
            message.put("edit_date", unix(in.editDate()));
        }
        message.put("text", in.text());
        if (in.text().startsWith("/")) {
            // Bots route on this entity rather than on the raw text, so it must be there like Telegram's.
            ObjectNode command = message.putArray("entities").addObject();
            command.put("type", "bot_command");
            command.put("offset", 0);
            command.put("length", commandLength(in.text()));
        }
        return message;
    }

    public ObjectNode sent(SentMessage sent, ChatInfo chat) {
        ObjectNode message = Mapper.object();
        message.put("message_id", sent.messageId());
        message.set("from", botUser());
        message.set("chat", chat(chat));
        message.put("date", unix(sent.sentAt()));
        if (sent.editedAt() != null) {
            message.put("edit_date", unix(sent.editedAt()));
        }
        message.put("text", sent.plainText());
        // Telegram echoes only inline keyboards; reply keyboards are not part of the Message.
        JsonNode markup = sent.replyMarkup();
        if (markup != null && markup.has("inline_keyboard")) {
            message.set("reply_markup", markup.deepCopy());
        }
        return message;
    }

    public ObjectNode callbackQuery(String id, SimulatedUser from, ChatInfo chat, SentMessage on, String data) {
        ObjectNode query = Mapper.object();
        query.put("id", id);
        query.set("from", user(from));
        query.set("message", sent(on, chat));
        // Stable per (bot, chat), as Telegram's, so bots may use it for per-chat game scores and the like.
        query.put("chat_instance", Long.toString(Math.abs(31 * bot.id() + chat.id()) * 7919L));
        query.put("data", data);
        return query;
    }

    /**
     * The bot's own membership changing in a private chat, as Telegram reports a user blocking (member → kicked,
     * banned forever: until_date 0) or unblocking (kicked → member) the bot.
     */
    public ObjectNode botMembershipChanged(ChatInfo chat, SimulatedUser by, Instant at, boolean blocked) {
        ObjectNode update = Mapper.object();
        update.set("chat", chat(chat));
        update.set("from", user(by));
        update.put("date", unix(at));
        update.set("old_chat_member", botMember(!blocked));
        update.set("new_chat_member", botMember(blocked));
        return update;
    }

    private ObjectNode botMember(boolean kicked) {
        ObjectNode member = Mapper.object();
        member.put("status", kicked ? "kicked" : "member");
        member.set("user", botUser());
        if (kicked) {
            member.put("until_date", 0);
        }
        return member;
    }

    /** An invoice as a Message: the {@code invoice} field instead of text, and the Pay button. */
    public ObjectNode invoiceMessage(SentMessage sent, ChatInfo chat, Payments.Invoice invoice) {
        ObjectNode message = sent(sent, chat);
        message.remove("text");
        ObjectNode body = message.putObject("invoice");
        body.put("title", invoice.title());
        body.put("description", invoice.description());
        body.put("start_parameter", "");
        body.put("currency", invoice.currency());
        body.put("total_amount", invoice.amount());
        return message;
    }

    public ObjectNode preCheckoutQuery(String id, SimulatedUser from, Payments.Invoice invoice) {
        ObjectNode query = Mapper.object();
        query.put("id", id);
        query.set("from", user(from));
        query.put("currency", invoice.currency());
        query.put("total_amount", invoice.amount());
        query.put("invoice_payload", invoice.payload());
        return query;
    }

    /** The service message in the payer's chat once Telegram charged them. */
    public ObjectNode successfulPayment(SimulatedUser from, ChatInfo chat, long messageId, Payments.Charge charge) {
        ObjectNode message = Mapper.object();
        message.put("message_id", messageId);
        message.set("from", user(from));
        message.set("chat", chat(chat));
        message.put("date", unix(charge.paidAt()));
        ObjectNode payment = message.putObject("successful_payment");
        payment.put("currency", charge.invoice().currency());
        payment.put("total_amount", charge.invoice().amount());
        payment.put("invoice_payload", charge.invoice().payload());
        payment.put("telegram_payment_charge_id", charge.chargeId());
        payment.put("provider_payment_charge_id", "");
        return message;
    }

    /** A payment from a user (source) or its refund to them (receiver), as getStarTransactions lists them. */
    public ObjectNode starTransaction(Payments.Transaction transaction, SimulatedUser user) {
        ObjectNode result = Mapper.object();
        Payments.Charge charge = transaction.charge();
        result.put("id", charge.chargeId());
        result.put("amount", charge.invoice().amount());
        result.put("date", unix(transaction.at()));
        ObjectNode partner = result.putObject(transaction.refund() ? "receiver" : "source");
        partner.put("type", "user");
        partner.put("transaction_type", "invoice_payment");
        partner.set("user", user(user));
        partner.put("invoice_payload", charge.invoice().payload());
        return result;
    }

    private static long unix(Instant at) {
        return at.getEpochSecond();
    }

    /** The command token ends at the first whitespace; length counts UTF-16 units, as Telegram's offsets do. */
    private static int commandLength(String text) {
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
