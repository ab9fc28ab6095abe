package io.contactdesk.processor.groups;

import static io.contactdesk.contracts.html.Html.escape;

import io.contactdesk.contracts.events.EventIds;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.processor.accounts.UserStore;
import io.contactdesk.processor.language.Language;
import io.contactdesk.processor.language.Texts;
import io.contactdesk.processor.updates.GroupUpdate;
import java.time.Instant;
import java.util.Optional;

/**
 * The bot works in private chats only: contacts are revealed to the person who paid for them, and commands act on
 * the sender's own credits. In a group it answers once, pointing to a private chat, and then stays silent there for
 * good, so a busy group is never flooded. No command runs in a group.
 *
 * <p>The store is keyed by chat id, as {@code tg.updates} keys a group's updates, so the task that owns a group
 * remembers whether it was told.
 */
public final class GroupChats {

    public static final String STORE = "group-chats";

    private final UserStore<GroupChat> store;

    /** @param store keyed by the group's chat id */
    public GroupChats(UserStore<GroupChat> store) {
        this.store = store;
    }

    /** The one answer this group gets, or empty when it had it already. */
    public Optional<OutboxMessage> tell(GroupUpdate update, Instant now) {
        if (store.get(update.chatId()) != null) {
            return Optional.empty();
        }
        store.put(update.chatId(), new GroupChat(update.chatId(), now));
        String notice = notice(update.botUsername(), Language.forUser(null, update.languageCode()));
        return Optional.of(OutboxMessage.sendMessage(EventIds.derived(update.causeId(), "reply", 0), update.chatId(),
                notice, null, update.causeId(), now));
    }

    /** In the language of whoever wrote (or added the bot): a group has no language of its own, and no account. */
    static String notice(String botUsername, Language language) {
        Texts texts = Texts.in(language);
        String where = botUsername == null ? texts.get("group.notice.open.private.chat")
                : texts.get("group.notice.write.to", escape(botUsername));
        return texts.get("group.notice", where);
    }
}
