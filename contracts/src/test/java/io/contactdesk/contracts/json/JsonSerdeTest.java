package io.contactdesk.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.InlineButton;
import io.contactdesk.contracts.events.InlineKeyboard;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.OutboxMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:15:30Z");

    @Test
    void aLedgerEntrySurvivesTheRoundTrip() {
        var serde = JsonSerde.of(LedgerEntry.class);
        var entry = new LedgerEntry("update:1/ledger:0", 42, 3, 3, LedgerKind.SIGNUP_BONUS, "welcome", "update:1", AT);

        assertThat(serde.deserialize("t", serde.serialize("t", entry))).isEqualTo(entry);
    }

    @Test
    void timestampsAreWrittenAsIsoText() {
        var entry = new LedgerEntry("e", 42, 3, 3, LedgerKind.GRANT, null, "c", AT);

        String json = new String(JsonSerde.of(LedgerEntry.class).serialize("t", entry), StandardCharsets.UTF_8);

        assertThat(json).contains("\"recordedAt\":\"2026-11-25T10:15:30Z\"").doesNotContain("reason");
    }

    @Test
    void anOutboxMessageKeepsBotApiParameterNames() {
        var keyboard = InlineKeyboard.of(List.of(List.of(new InlineButton("Next ▶", "page:2"))));
        var message = OutboxMessage.sendMessage("update:1/reply:0", 42, "<b>hi</b>", keyboard, "update:1", AT);

        String json = new String(JsonSerde.of(OutboxMessage.class).serialize("t", message), StandardCharsets.UTF_8);

        assertThat(json).contains("\"parse_mode\":\"HTML\"", "\"inline_keyboard\":[[{\"text\":\"Next ▶\",\"callback_data\":\"page:2\"}]]");
        OutboxMessage back = JsonSerde.of(OutboxMessage.class).deserialize("t", json.getBytes(StandardCharsets.UTF_8));
        assertThat(back.params()).containsEntry("text", "<b>hi</b>").containsEntry("chat_id", 42);
        assertThat(back.params().get("reply_markup")).isInstanceOf(Map.class);
    }

    @Test
    void brokenJsonRaisesASerializationExceptionNamingTheType() {
        var serde = JsonSerde.of(LedgerEntry.class);

        assertThatThrownBy(() -> serde.deserialize("credit.ledger", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid LedgerEntry on credit.ledger");
    }

    @Test
    void aMissingPrimitiveIsAnErrorNotAZero() {
        var serde = JsonSerde.of(LedgerEntry.class);
        byte[] json = "{\"entryId\":\"e\",\"kind\":\"GRANT\",\"balanceAfter\":1}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserialize("t", json)).isInstanceOf(SerializationException.class);
    }

    @Test
    void aDeadLetterKeepsTheOriginalBytesAndAOneLineReason() {
        byte[] original = {(byte) 0xff, 0x00, 0x41};
        var letter = DeadLetter.of("tg.updates", 3, 17, "42", original,
                new IllegalStateException("outer", new IllegalArgumentException("inner\nline")), "command-processor", AT);

        var serde = JsonSerde.of(DeadLetter.class);
        DeadLetter back = serde.deserialize("t", serde.serialize("t", letter));

        assertThat(back.payload()).containsExactly(original);
        assertThat(back.reason()).isEqualTo("IllegalStateException: outer <- IllegalArgumentException: inner line");
    }
}
