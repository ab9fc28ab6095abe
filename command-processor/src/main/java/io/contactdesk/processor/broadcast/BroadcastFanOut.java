package io.contactdesk.processor.broadcast;

import io.contactdesk.contracts.events.BroadcastShard;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.processor.accounts.Account;
import java.util.function.Consumer;

/**
 * One task's share of a broadcast: a bulk message for each of its users who can receive it (not banned, not blocking
 * the bot, not forgotten at their request, not the sending admin), with an id per user and broadcast, so the notifier
 * can tell a repeat.
 */
public final class BroadcastFanOut {

    public static final String BROADCAST_ID_PARAM = "broadcast_id";

    public BroadcastShard fanOut(BroadcastRequest request, Iterable<Account> accounts, int partition, int partitions,
            Consumer<OutboxMessage> send) {
        String cause = "broadcast:" + request.broadcastId();
        long recipients = 0;
        for (Account account : accounts) {
            if (account.banned() || account.profile().blocked() || account.isForgotten()
                    || account.userId() == request.adminId()) {
                continue;
            }
            send.accept(OutboxMessage.sendMessage(cause + "/user:" + account.userId(), account.userId(), request.html(),
                    null, cause, request.at()).withParam(BROADCAST_ID_PARAM, request.broadcastId()));
            recipients++;
        }
        return new BroadcastShard(request.broadcastId(), partition, partitions, recipients,
                request.statusChatId(), request.statusMessageId(), request.at());
    }
}
