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
            conversation.reply(conversation.texts().text("broadcast.usage"));
            return;
        }
        if (text.length() > MAX_LENGTH) {
            conversation.reply(conversation.texts().broadcastTooLong(MAX_LENGTH, text.length()));
            return;
        }
        String broadcastId = "b" + update.ref().shortId();
        String html = Html.escape(text);
        long admin = conversation.account().userId();
        state.broadcasts().put(admin, new BroadcastDraft(broadcastId, html, false));
        long audience = Math.max(0, state.totals().get().users() - 1);
        Replies replies = conversation.texts();
        conversation.reply(replies.broadcastPreview(html, audience),
                Keyboards.create().row(
                        button(replies.broadcastSendButton(audience), CallbackAction.broadcast(broadcastId, true)),
                        button(replies.text("broadcast.button.discard"), CallbackAction.broadcast(broadcastId, false)))
                        .build());
    }

    void tapped(Conversation conversation, BotState state, IncomingUpdate update, CallbackAction.BroadcastConfirm tap) {
        long admin = conversation.account().userId();
        BroadcastDraft draft = state.broadcasts().get(admin);
        if (draft == null || draft.confirmed() || !draft.broadcastId().equals(tap.broadcastId())) {
            conversation.answerCallback(update.callbackQueryId(), conversation.texts().text("broadcast.not.waiting"));
            return;
        }
        conversation.answerCallback(update.callbackQueryId(), null);
        if (!tap.confirmed()) {
            state.broadcasts().delete(admin);
            conversation.edit(update.messageId(), conversation.texts().text("broadcast.discarded"), null);
            return;
        }
        state.broadcasts().put(admin, new BroadcastDraft(draft.broadcastId(), draft.html(), true));
        conversation.broadcast(new BroadcastRequest(draft.broadcastId(), draft.html(), admin, update.chatId(),
                update.messageId(), conversation.now()));
        conversation.audit(admin, "broadcast", "broadcast:" + draft.broadcastId(), Map.of("length",
                Integer.toString(draft.html().length())));
        conversation.edit(update.messageId(), conversation.texts().broadcastQueued(draft.broadcastId()), null);
    }

    void cancel(Conversation conversation, BotState state) {
        long admin = conversation.account().userId();
        BroadcastDraft draft = state.broadcasts().get(admin);
        if (draft == null || !draft.confirmed()) {
            conversation.reply(conversation.texts().text("broadcast.none"));
            return;
        }
        conversation.control(new BroadcastControl(draft.broadcastId(), true, admin, conversation.now()));
        conversation.audit(admin, "broadcast_cancel", "broadcast:" + draft.broadcastId(), Map.of());
        state.broadcasts().delete(admin);
        conversation.reply(conversation.texts().broadcastStopping(draft.broadcastId()));
    }
}
