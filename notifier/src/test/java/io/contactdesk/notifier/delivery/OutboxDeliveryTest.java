package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.notifier.contacts.ContactReveal;
import io.contactdesk.notifier.flood.FloodControl;
import io.contactdesk.notifier.flood.FloodSettings;
import io.contactdesk.notifier.flood.OutboxShare;
import io.contactdesk.notifier.telegram.BotApi;
import io.contactdesk.notifier.telegram.BotApiException;
import io.contactdesk.notifier.telegram.ResultUnreadCall;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

/** The retry loop against a scripted Bot API and a fake clock: every wait is checked exactly, none is slept. */
class OutboxDeliveryTest {

    private static final DeliverySettings SETTINGS =
            new DeliverySettings(4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(4));
    private static final OutboxMessage HELLO =
            OutboxMessage.sendMessage("update:1/reply:0", 42, "<b>Hello</b>", null, "update:1", Instant.EPOCH);
    private static final OutboxMessage HELLO_CONTACT =
            OutboxMessage.sendMessage("update:4/reply:0", 42, "Contact: {{contact}}", null, "update:4", Instant.EPOCH);
    private static final String KEYRING = ContactCipher.generateKeyringEntry("k1");
    private static final ContactCipher CIPHER = ContactCipher.fromKeyring(KEYRING);

    private final FakeTime time = new FakeTime();
    private final ScriptedBotApi botApi = new ScriptedBotApi();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    // Limits far above what these tests send: flood control never makes them wait (FloodControlTest covers it).
    private final FloodControl flood = FloodControl.create(
            new FloodSettings("local", null, 1_000, 1_000, 1_000.0, 1_000, 1_000, 60_000, 1_000, Duration.ofSeconds(1)), meters,
            OutboxShare.whole());

    @Test
    void serverErrorsAreRetriedWithGrowingJitteredWaitsUntilDelivered() {
        // given Telegram fails twice with 5xx, then accepts
        botApi.answers(error(502, "Bad Gateway", null), error(500, "Internal Server Error", null));

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(HELLO);

        // then the third call delivered it, after waits of 3/4 of 0.5 s and of 1 s
        assertThat(outcome.delivered()).isTrue();
        assertThat(botApi.calls()).isEqualTo(3);
        assertThat(time.pauses()).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750));
        assertThat(sent("sendMessage")).isEqualTo(1.0);
    }

    @Test
    void floodControlWaitsExactlyRetryAfter() {
        // given a 429 asking for 3 s
        botApi.answers(error(429, "Too Many Requests: retry after 3", 3));

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(HELLO);

        // then
        assertThat(outcome.delivered()).isTrue();
        assertThat(time.pauses()).containsExactly(Duration.ofSeconds(3));
        // and the 429 is counted
        assertThat(meters.find(FloodControl.TOO_MANY_REQUESTS).tag("method", "sendMessage").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void everyCallIncludingRetriesWaitsForItsFloodPermit() {
        // given Telegram fails twice with 5xx, then accepts
        botApi.answers(error(502, "Bad Gateway", null), error(502, "Bad Gateway", null));

        // when
        delivery(0.5).deliver(HELLO);

        // then three calls, three permits
        assertThat(meters.find(FloodControl.WAIT_TIMER).timer().count()).isEqualTo(3);
    }

    @Test
    void floodWaitsDoNotUseUpTheAttemptsOfServerErrors() {
        // given 3 server errors (one below max-attempts 4) interleaved with 429s
        botApi.answers(error(500, "x", null), error(429, "slow down", 1), error(500, "x", null),
                error(429, "slow down", 1), error(500, "x", null));

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.0).deliver(HELLO);

        // then
        assertThat(outcome.delivered()).isTrue();
        assertThat(botApi.calls()).isEqualTo(6);
    }

    @Test
    void unreachableTelegramIsDeadLetteredAfterMaxAttempts() {
        // given Telegram never answers
        botApi.answers(unreachable(), unreachable(), unreachable(), unreachable(), unreachable());

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.0).deliver(HELLO);

        // then 4 calls, 3 waits, and a reason naming the cause
        assertThat(outcome.delivered()).isFalse();
        assertThat(botApi.calls()).isEqualTo(4);
        assertThat(time.pauses()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1_000));
        assertThat(outcome.reason())
                .isEqualTo("sendMessage: gave up after 4 calls: Bot API not reached: SocketTimeoutException: timeout");
        assertThat(sent("sendMessage")).isZero();
    }

    @Test
    void badRequestIsDeadLetteredAtOnceWithTelegramsDescription() {
        botApi.answers(error(400, "Bad Request: message is too long", null));

        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(HELLO);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.reason()).isEqualTo("sendMessage: Bot API error 400: Bad Request: message is too long");
        assertThat(botApi.calls()).isEqualTo(1);
        assertThat(time.pauses()).isEmpty();
    }

    @Test
    void blockedUserIsDeadLetteredAtOnce() {
        botApi.answers(error(403, "Forbidden: bot was blocked by the user", null));

        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(HELLO);

        assertThat(outcome.reason()).isEqualTo("sendMessage: Bot API error 403: Forbidden: bot was blocked by the user");
        assertThat(outcome.blockedByUser()).isTrue();
    }

    @Test
    void forbiddenInAGroupIsNoUserBlockingTheBot() {
        // given a 403 in a group the bot was removed from (negative chat id)
        botApi.answers(error(403, "Forbidden: bot was kicked from the group chat", null));
        OutboxMessage toGroup = OutboxMessage.sendMessage("update:9/reply:0", -100123, "hi", null, "update:9",
                Instant.EPOCH);

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(toGroup);

        // then it is a plain failure, not reported as a blocked user
        assertThat(outcome.result()).isEqualTo(OutboxDelivery.DeliveryOutcome.Result.FAILED);
    }

    @Test
    void laneThatDeclinesTheMessageSkipsItWithoutAnyCall() {
        // given a lane that finds the message already claimed
        Lane claimedBefore = new Lane() {
            @Override
            public boolean awaitTurn() {
                return true;
            }

            @Override
            public boolean mayCall(OutboxMessage message) {
                return false;
            }
        };

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(HELLO, claimedBefore);

        // then
        assertThat(outcome.result()).isEqualTo(OutboxDelivery.DeliveryOutcome.Result.SKIPPED);
        assertThat(botApi.calls()).isZero();
    }

    @Test
    void laneIsAskedOnceForTheMessageButWaitedForBeforeEveryCall() {
        // given Telegram fails once with 5xx, then accepts
        botApi.answers(error(502, "Bad Gateway", null));
        List<String> asked = new ArrayList<>();
        Lane counting = new Lane() {
            @Override
            public boolean awaitTurn() {
                asked.add("turn");
                return true;
            }

            @Override
            public boolean mayCall(OutboxMessage message) {
                asked.add("claim");
                return true;
            }
        };

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(HELLO, counting);

        // then the claim came once, before the first call, and each call waited its turn
        assertThat(outcome.delivered()).isTrue();
        assertThat(asked).containsExactly("turn", "claim", "turn");
    }

    @Test
    void editThatChangesNothingCountsAsDelivered() {
        // given
        OutboxMessage edit = OutboxMessage.editMessageText(
                "update:2/reply:0", 42, 7, "<b>Hello</b>", null, "update:2", Instant.EPOCH);
        botApi.answers(error(400, "Bad Request: message is not modified: specified new message content and reply "
                + "markup are exactly the same as a current content and reply markup of the message", null));

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(edit);

        // then
        assertThat(outcome.delivered()).isTrue();
        assertThat(botApi.calls()).isEqualTo(1);
        assertThat(sent("editMessageText")).isEqualTo(1.0);
    }

    @Test
    void floodWaitPastTheDeliveryTimeoutIsDeadLettered() {
        // given a retry_after longer than one record may hold its partition
        botApi.answers(error(429, "Too Many Requests: retry after 600", 600));

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(HELLO);

        // then
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.reason()).contains("would pass the delivery timeout of 240 s").contains("retry after 600");
        assertThat(time.pauses()).isEmpty();
    }

    @Test
    void stoppingBetweenCallsLeavesTheRecordUndelivered() {
        // given the service stops while the record waits for its next call
        botApi.answers(error(503, "Service Unavailable", null));
        time.stop();

        // when / then: an exception, so the container does not commit the record
        assertThatThrownBy(() -> delivery(0.5).deliver(HELLO))
                .isInstanceOf(OutboxDelivery.DeliveryStoppedException.class)
                .hasMessageContaining("update:1/reply:0");
    }

    @Test
    void unsupportedMethodIsDeadLetteredWithoutCallingTelegram() {
        OutboxMessage poll = new OutboxMessage("update:3/poll:0", 42, "sendPoll", null, "update:3", Instant.EPOCH);

        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(poll);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.reason()).contains("unsupported Bot API method 'sendPoll'");
        assertThat(botApi.calls()).isZero();
    }

    @Test
    void aSealedContactIsSentRevealedAndWithoutItsEnvelope() {
        // given
        OutboxMessage reveal = HELLO_CONTACT.revealing(CIPHER.encrypt("<b>@bob</b>", "listing-7"), "listing-7");

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(reveal);

        // then Telegram got the escaped contact, and nothing of the envelope
        assertThat(outcome.delivered()).isTrue();
        SendMessage call = (SendMessage) ((ResultUnreadCall) botApi.lastCall()).call();
        assertThat(call.getText()).isEqualTo("Contact: &lt;b&gt;@bob&lt;/b&gt;");
        assertThat(call.getParseMode()).isEqualTo("HTML");
    }

    @Test
    void anUndecryptableContactIsDeadLetteredWithoutCallingTelegram() {
        // given a contact sealed under a key the notifier does not have
        String envelope = ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k9"))
                .encrypt("secret-handle", "listing-7");

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(HELLO_CONTACT.revealing(envelope, "listing-7"));

        // then
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.reason())
                .isEqualTo("contact of listing 'listing-7' cannot be decrypted: no key 'k9' in the keyring");
        assertThat(botApi.calls()).isZero();
    }

    @Test
    void aBotApiErrorQuotingTheContactIsDeadLetteredRedacted() {
        // given Telegram refuses the call, quoting the text it got
        botApi.answers(error(400, "Bad Request: can't parse 'Contact: @bob'", null));
        OutboxMessage reveal = HELLO_CONTACT.revealing(CIPHER.encrypt("@bob", "listing-7"), "listing-7");

        // when
        OutboxDelivery.DeliveryOutcome outcome = delivery(0.5).deliver(reveal);

        // then
        assertThat(outcome.reason()).isEqualTo("sendMessage: Bot API error 400: Bad Request: can't parse 'Contact: <contact>'");
    }

    private OutboxDelivery delivery(double random) {
        return new OutboxDelivery(botApi, new RetryPolicy(SETTINGS, time, () -> random), time, meters,
                ContactReveal.fromKeyring(KEYRING), flood);
    }

    private double sent(String method) {
        var counter = meters.find(OutboxDelivery.REPLIES_SENT).tag("method", method).counter();
        return counter == null ? 0 : counter.count();
    }

    private static BotApiException error(int code, String description, Integer retryAfter) {
        return BotApiException.answered(code, description, retryAfter);
    }

    private static BotApiException unreachable() {
        return new BotApiException(BotApiException.Origin.TRANSPORT, 0, "SocketTimeoutException: timeout", null);
    }

    /** Fails with the scripted errors in turn, then succeeds. */
    private static final class ScriptedBotApi implements BotApi {

        private final Deque<BotApiException> failures = new ArrayDeque<>();
        private final List<BotApiMethod<?>> calls = new ArrayList<>();

        void answers(BotApiException... script) {
            failures.addAll(List.of(script));
        }

        int calls() {
            return calls.size();
        }

        BotApiMethod<?> lastCall() {
            return calls.get(calls.size() - 1);
        }

        @Override
        public <T extends Serializable> T execute(BotApiMethod<T> method) throws BotApiException {
            calls.add(method);
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            return null;
        }
    }
}
