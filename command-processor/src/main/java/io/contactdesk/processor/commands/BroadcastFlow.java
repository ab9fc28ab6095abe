package io.contactdesk.processor.commands;

import static io.contactdesk.processor.commands.Keyboards.button;

import io.contactdesk.contracts.events.BroadcastControl;
import io.contactdesk.contracts.html.Html;
import io.contactdesk.processor.broadcast.BroadcastDraft;
import io.contactdesk.processor.broadcast.BroadcastRequest;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.contactdesk.processor.updates.UserText;
import java.util.Map;

/**
 * /broadcast: an admin writes a message, sees a preview with the number of recipients, and confirms; every processor
 * task then queues it for its own users. /broadcast_cancel stops the admin's latest one.
 */
final class BroadcastFlow {

    static final int MAX_LENGTH = 3500;

    void draft(Conversation conversation, BotState state, IncomingUpdate update) {
        String text = UserText.clean(update.commandArguments(), true);
        if (text.isEmpty()) {
            conversation.reply("Usage: <code>/broadcast your message</code> — you will see a preview first.");
            return;
        }
        if (text.length() > MAX_LENGTH) {
            conversation.reply("A broadcast can have at most " + MAX_LENGTH + " characters (this one has "
                    + text.length() + ").");
            return;
        }
        String broadcastId = "b" + update.ref().shortId();
        String html = Html.escape(text);
        long admin = conversation.account().userId();
        state.broadcasts().put(admin, new BroadcastDraft(broadcastId, html, false));
        long audience = Math.max(0, state.totals().get().users() - 1);
        conversation.reply("<b>Broadcast preview</b>\n\n" + html + "\n\nSend it to about <b>" + audience
                        + "</b> users? People who blocked the bot, are banned or had the bot forget them are skipped.",
                Keyboards.create().row(
                        button("📣 Send to " + audience + " users", CallbackAction.broadcast(broadcastId, true)),
                        button("✖ Discard", CallbackAction.broadcast(broadcastId, false))).build());
    }

    void tapped(Conversation conversation, BotState state, IncomingUpdate update, CallbackAction.BroadcastConfirm tap) {
        long admin = conversation.account().userId();
        BroadcastDraft draft = state.broadcasts().get(admin);
        if (draft == null || draft.confirmed() || !draft.broadcastId().equals(tap.broadcastId())) {
            conversation.answerCallback(update.callbackQueryId(), "This broadcast is no longer waiting.");
            return;
        }
        conversation.answerCallback(update.callbackQueryId(), null);
        if (!tap.confirmed()) {
            state.broadcasts().delete(admin);
            conversation.edit(update.messageId(), "Broadcast discarded.", null);
            return;
        }
        state.broadcasts().put(admin, new BroadcastDraft(draft.broadcastId(), draft.html(), true));
        conversation.broadcast(new BroadcastRequest(draft.broadcastId(), draft.html(), admin, update.chatId(),
                update.messageId(), conversation.now()));
        conversation.audit(admin, "broadcast", "broadcast:" + draft.broadcastId(), Map.of("length",
                Integer.toString(draft.html().length())));
        conversation.edit(update.messageId(), "📣 Broadcast <code>" + draft.broadcastId() + "</code> queued. Progress "
                + "will show here. /broadcast_cancel stops it.", null);
    }

    void cancel(Conversation conversation, BotState state) {
        long admin = conversation.account().userId();
        BroadcastDraft draft = state.broadcasts().get(admin);
        if (draft == null || !draft.confirmed()) {
            conversation.reply("You have no running broadcast.");
            return;
        }
        conversation.control(new BroadcastControl(draft.broadcastId(), true, admin, conversation.now()));
        conversation.audit(admin, "broadcast_cancel", "broadcast:" + draft.broadcastId(), Map.of());
        state.broadcasts().delete(admin);
        conversation.reply("Stopping broadcast <code>" + draft.broadcastId() + "</code>. Messages already sent stay sent.");
    }
}
