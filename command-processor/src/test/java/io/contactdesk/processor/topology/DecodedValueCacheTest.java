package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class DecodedValueCacheTest {

    /** Decodes "text" into a new String each time, counting how often; refuses "bad". */
    static final class CountingSerde implements Serde<String> {
        final AtomicInteger decodes = new AtomicInteger();

        @Override
        public Serializer<String> serializer() {
            return Serdes.String().serializer();
        }

        @Override
        public Deserializer<String> deserializer() {
            return (topic, data) -> {
                decodes.incrementAndGet();
                String text = new String(data, StandardCharsets.UTF_8);
                if (text.equals("bad")) {
                    throw new SerializationException("not a value");
                }
                return new String(text);
            };
        }
    }

    final CountingSerde json = new CountingSerde();
    final DecodedValueCache<String> cache = new DecodedValueCache<>(json, 2);

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSameBytesAreDecodedOnceAndGiveTheSameValue() {
        String first = cache.deserializer().deserialize("listings", bytes("a"));
        String again = cache.deserializer().deserialize("listings", bytes("a"));

        assertThat(again).isSameAs(first);
        assertThat(json.decodes).hasValue(1);
    }

    @Test
    void otherBytesAreDecodedAfresh() {
        cache.deserializer().deserialize("listings", bytes("a"));

        assertThat(cache.deserializer().deserialize("listings", bytes("b"))).isEqualTo("b");
        assertThat(json.decodes).hasValue(2);
    }

    @Test
    void anArrayChangedAfterReadingIsNotConfusedWithWhatItHeld() {
        byte[] reused = bytes("a");
        cache.deserializer().deserialize("listings", reused);
        reused[0] = 'b';

        assertThat(cache.deserializer().deserialize("listings", reused)).isEqualTo("b");
        assertThat(cache.deserializer().deserialize("listings", bytes("a"))).isEqualTo("a");
        assertThat(json.decodes).hasValue(2);
    }

    @Test
    void beyondItsCapacityTheLeastRecentlyReadIsDecodedAgain() {
        cache.deserializer().deserialize("listings", bytes("a"));
        cache.deserializer().deserialize("listings", bytes("b"));
        cache.deserializer().deserialize("listings", bytes("a"));
        cache.deserializer().deserialize("listings", bytes("c"));

        cache.deserializer().deserialize("listings", bytes("a"));
        assertThat(json.decodes).hasValue(3);
        cache.deserializer().deserialize("listings", bytes("b"));
        assertThat(json.decodes).hasValue(4);
    }

    @Test
    void bytesThatDoNotDecodeFailEveryTime() {
        assertThatThrownBy(() -> cache.deserializer().deserialize("listings", bytes("bad")))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> cache.deserializer().deserialize("listings", bytes("bad")))
                .isInstanceOf(SerializationException.class);
        assertThat(json.decodes).hasValue(2);
    }

    @Test
    void nullIsATombstoneAndWritingIsTheDelegates() {
        assertThat(cache.deserializer().deserialize("listings", null)).isNull();
        assertThat(cache.serializer().serialize("listings", "a")).isEqualTo(bytes("a"));
    }

    @Test
    void aValueWrittenIsReadBackWithoutDecoding() {
        String written = new String("a");
        cache.serializer().serialize("accounts", written);

        assertThat(cache.deserializer().deserialize("accounts", bytes("a"))).isSameAs(written);
        assertThat(json.decodes).hasValue(0);
    }

    @Test
    void aWrittenArrayChangedLaterIsNotConfusedWithWhatItHeld() {
        byte[] written = cache.serializer().serialize("accounts", "a");
        written[0] = 'b';

        assertThat(cache.deserializer().deserialize("accounts", written)).isEqualTo("b");
        assertThat(json.decodes).hasValue(1);
    }
}
