package io.contactdesk.processor.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.updates.IncomingUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastFanOutTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private static Account account(long userId) {
        return Account.register(new IncomingUpdate.Sender(userId, "u" + userId, "User", "en"), false, T0);
    }

    @Test
    void someoneForgottenAtTheirRequestGetsNoBroadcastUntilTheyWriteAgain() {
        Account forgotten = account(2).forgotten(T0.plusSeconds(60));
        Account back = account(3).forgotten(T0.plusSeconds(60))
                .seenAs(new IncomingUpdate.Sender(3, null, "Back", "en"), false, T0.plusSeconds(120));
        List<OutboxMessage> sent = new ArrayList<>();

        new BroadcastFanOut().fanOut(new BroadcastRequest("b1", "<b>news</b>", 900, 900, 0, T0.plusSeconds(180)),
                List.of(account(1), forgotten, back), 0, 1, sent::add);

        assertThat(sent).extracting(OutboxMessage::chatId).containsExactly(1L, 3L);
    }
}
