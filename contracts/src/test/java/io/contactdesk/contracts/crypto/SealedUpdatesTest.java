package io.contactdesk.contracts.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.json.Json;
import org.junit.jupiter.api.Test;

class SealedUpdatesTest {

    private static final String UPDATE = "{\"update_id\":42,\"message\":{\"message_id\":7,"
            + "\"from\":{\"id\":1001,\"first_name\":\"Anna\"},\"chat\":{\"id\":1001},\"text\":\"+380 44 123 45 67\"}}";

    private final SealedUpdates seals = new SealedUpdates(ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k1")));

    private static JsonNode tree(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    @Test
    void aSealedUpdateShowsOnlyItsIdAndOpensToTheUpdateAsReceived() throws Exception {
        String record = seals.seal(42, UPDATE);

        assertThat(record).doesNotContain("380").doesNotContain("Anna").doesNotContain("1001");
        assertThat(tree(record).get("update_id").asLong()).isEqualTo(42);
        assertThat(SealedUpdates.isSealed(tree(record))).isTrue();
        assertThat(seals.open(tree(record))).isEqualTo(UPDATE);
    }

    @Test
    void anUpdateInTheClearIsNotTakenForASealedOne() throws Exception {
        assertThat(SealedUpdates.isSealed(tree(UPDATE))).isFalse();
        assertThat(SealedUpdates.isSealed(tree("[1,2]"))).isFalse();
    }

    @Test
    void aSealedBodyMovedOntoAnotherUpdateIdDoesNotOpen() throws Exception {
        ObjectNode moved = (ObjectNode) tree(seals.seal(42, UPDATE));
        moved.put("update_id", 43);

        assertThatThrownBy(() -> seals.open(moved)).isInstanceOf(ContactCipherException.class)
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void anUpdateSealedUnderAnotherKeyringNamesTheMissingKeyAndNothingElse() throws Exception {
        String record = new SealedUpdates(ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k9"))).seal(42, UPDATE);

        assertThatThrownBy(() -> seals.open(tree(record))).isInstanceOf(ContactCipherException.class)
                .hasMessage("no key 'k9' in the keyring");
    }

    @Test
    void aMalformedSealIsRefusedWithItsReason() throws Exception {
        assertThatThrownBy(() -> seals.open(tree("{\"update_id\":\"x\",\"sealed\":\"v1:k1:AAAA\"}")))
                .isInstanceOf(ContactCipherException.class).hasMessageContaining("update_id");
        assertThatThrownBy(() -> seals.open(tree("{\"update_id\":5,\"sealed\":17}")))
                .isInstanceOf(ContactCipherException.class).hasMessageContaining("not a string");
    }

    @Test
    void anUpdateOfALaterEpochCarriesItsEpochAndOpensOnlyUnderIt() throws Exception {
        String record = seals.seal(new UpdateRef(3, 42), UPDATE);

        assertThat(tree(record).get("epoch").asLong()).isEqualTo(3);
        assertThat(SealedUpdates.refOf(tree(record))).isEqualTo(new UpdateRef(3, 42));
        assertThat(seals.open(tree(record))).isEqualTo(UPDATE);

        ObjectNode movedToEpochZero = (ObjectNode) tree(record);
        movedToEpochZero.remove("epoch");
        assertThatThrownBy(() -> seals.open(movedToEpochZero)).isInstanceOf(ContactCipherException.class)
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void anEpochZeroRecordNamesNoEpochAndOpensAsRecordsDidBeforeEpochsExisted() throws Exception {
        String record = seals.seal(new UpdateRef(0, 42), UPDATE);

        assertThat(tree(record).has("epoch")).isFalse();
        assertThat(record).isEqualTo(record.replace(",\"epoch\":0", ""));
        assertThat(SealedUpdates.refOf(tree(record))).isEqualTo(new UpdateRef(0, 42));
    }

    @Test
    void aNonNumericEpochIsRefused() throws Exception {
        assertThatThrownBy(() -> SealedUpdates.refOf(tree("{\"update_id\":5,\"epoch\":\"x\",\"sealed\":\"v1:k1:AAAA\"}")))
                .isInstanceOf(ContactCipherException.class).hasMessageContaining("epoch");
    }
}
