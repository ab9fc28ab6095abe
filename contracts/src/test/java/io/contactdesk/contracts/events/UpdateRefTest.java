package io.contactdesk.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.json.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UpdateRefTest {

    @Test
    void epochZeroKeepsTheIdsUpdatesAlwaysHad() {
        UpdateRef update = new UpdateRef(0, 917_204);

        assertThat(update.causeId()).isEqualTo("update:917204");
        assertThat(update.dedupeKey()).isEqualTo(917_204L);
        assertThat(update.shortId()).isEqualTo(Long.toString(917_204, 36));
    }

    @Test
    void theSameUpdateIdInAnotherEpochNamesAnotherUpdateEverywhere() {
        UpdateRef before = new UpdateRef(0, 5_000);
        UpdateRef after = new UpdateRef(1, 5_000);

        assertThat(after.causeId()).isNotEqualTo(before.causeId()).isEqualTo("update:e1.5000");
        assertThat(after.dedupeKey()).isNotEqualTo(before.dedupeKey());
        assertThat(after.shortId()).isNotEqualTo(before.shortId());
        assertThat(EventIds.derived(after.causeId(), "credit", 0))
                .isNotEqualTo(EventIds.derived(before.causeId(), "credit", 0));
    }

    @Test
    void dedupeKeysOfDifferentEpochsAndIdsNeverMeet() {
        assertThat(new UpdateRef(1, 0xFFFF_FFFFL).dedupeKey()).isNotEqualTo(new UpdateRef(2, 0).dedupeKey());
        assertThat(new UpdateRef(2, 7).dedupeKey()).isEqualTo((2L << 32) | 7);
    }

    @Test
    void idsOutsideTelegramsRangeAreRefused() {
        assertThatThrownBy(() -> new UpdateRef(0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UpdateRef(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIngressOffsetWrittenBeforeEpochsExistedReadsAsEpochZero() {
        byte[] old = "{\"botId\":7,\"lastUpdateId\":900,\"publishedAt\":\"2026-11-01T10:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);

        IngressOffset offset = JsonSerde.of(IngressOffset.class).deserializer().deserialize("tg.ingress-offsets", old);

        assertThat(offset.lastUpdate()).isEqualTo(new UpdateRef(0, 900));
    }

    @Test
    void anIngressOffsetKeepsItsEpochThroughTheTopic() {
        JsonSerde<IngressOffset> serde = JsonSerde.of(IngressOffset.class);
        IngressOffset offset = new IngressOffset(7, 12, Instant.parse("2026-12-05T10:00:00Z"), 2L);

        IngressOffset read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", offset));

        assertThat(read.lastUpdate()).isEqualTo(new UpdateRef(2, 12));
    }
}
