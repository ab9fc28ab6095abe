package io.contactdesk.dbwriter.ingest;

import java.util.List;
import java.util.Map;

/**
 * What a committed poll wrote.
 *
 * @param rows rows sent per table (a replayed row counts again, though the database leaves it unchanged)
 * @param refused rows the database rejected for their content, set aside for the dead-letter topic
 */
record Written(Map<String, Integer> rows, List<Rejected> refused) {

    static final Written NOTHING = new Written(Map.of(), List.of());
}
