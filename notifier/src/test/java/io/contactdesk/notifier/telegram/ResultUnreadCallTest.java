package io.contactdesk.notifier.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How an answer's envelope is read when its result is not: only a top-level {@code "ok": true} is acceptance. */
class ResultUnreadCallTest {

    @Test
    void okTrueIsAcceptedWhereverItStands() {
        assertThat(ResultUnreadCall.accepted("{\"ok\":true,\"result\":{\"message_id\":1}}")).isTrue();
        assertThat(ResultUnreadCall.accepted("{\"result\":{\"ok\":false,\"x\":[1,{\"ok\":false}]},\"ok\":true}")).isTrue();
    }

    @Test
    void anythingElseIsNotAccepted() {
        assertThat(ResultUnreadCall.accepted("{\"ok\":false,\"error_code\":400}")).isFalse();
        assertThat(ResultUnreadCall.accepted("{\"result\":{\"ok\":true}}")).isFalse();
        assertThat(ResultUnreadCall.accepted("{\"ok\":\"true\"}")).isFalse();
        assertThat(ResultUnreadCall.accepted("[true]")).isFalse();
        assertThat(ResultUnreadCall.accepted("<html>502</html>")).isFalse();
        assertThat(ResultUnreadCall.accepted("")).isFalse();
    }
}
