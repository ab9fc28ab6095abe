package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.notifier.telegram.BotApiException;
import io.contactdesk.notifier.telegram.BotApiException.Origin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureKindTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            429 | Too Many Requests: retry after 5                                               | FLOOD_WAIT
            500 | Internal Server Error                                                          | TRANSIENT
            502 | Bad Gateway                                                                    | TRANSIENT
            400 | Bad Request: message is too long                                               | PERMANENT
            400 | Bad Request: can't parse entities: Unsupported start tag "x" at byte offset 3  | PERMANENT
            403 | Forbidden: bot was blocked by the user                                         | PERMANENT
            401 | Unauthorized                                                                   | PERMANENT
            400 | Bad Request: message is not modified: specified new message content and reply markup are exactly the same | DELIVERED
            400 | Bad Request: query is too old and response timeout expired or query ID is invalid | DELIVERED
            """)
    void botApiAnswersAreClassifiedByCodeAndDescription(int code, String description, FailureKind expected) {
        assertThat(FailureKind.of(BotApiException.answered(code, description, null))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"TRANSPORT, TRANSIENT", "UNREADABLE_ANSWER, DELIVERED", "REJECTED_BEFORE_SENDING, PERMANENT"})
    void failuresWithoutABotApiAnswerAreClassifiedByOrigin(Origin origin, FailureKind expected) {
        assertThat(FailureKind.of(new BotApiException(origin, 0, "x", null))).isEqualTo(expected);
    }
}
