package io.contactdesk.sandbox.botapi;

import com.fasterxml.jackson.databind.JsonNode;

/** One Bot API method: parameters in, the envelope's "result" out, or a {@link BotApiErrorAnswer}. */
@FunctionalInterface
public interface BotMethod {

    JsonNode call(Params params) throws InterruptedException;
}
