package io.contactdesk.dbwriter.ingest;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every topic the writer persists, by name. */
final class TopicTables {

    private final Map<String, TopicTable<?>> byTopic = new LinkedHashMap<>();

    TopicTables(List<TopicTable<?>> tables) {
        for (TopicTable<?> table : tables) {
            if (byTopic.putIfAbsent(table.topic().name(), table) != null) {
                throw new IllegalStateException("two tables claim topic " + table.topic().name());
            }
        }
    }

    /** The table of a topic the container subscribed to. */
    TopicTable<?> forTopic(String topic) {
        TopicTable<?> table = byTopic.get(topic);
        if (table == null) {
            throw new IllegalStateException("no table for topic " + topic);
        }
        return table;
    }

    String[] topicNames() {
        return byTopic.keySet().toArray(String[]::new);
    }

    Collection<TopicTable<?>> all() {
        return byTopic.values();
    }
}
