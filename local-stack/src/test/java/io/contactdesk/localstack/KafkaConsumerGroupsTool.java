package io.contactdesk.localstack;

import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.PartitionLag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's own {@code kafka-consumer-groups --describe}, run as an operator runs it: {@code ConsumerGroupCommand} from
 * the kafka-tools jar in a JVM of its own (the tool ends with {@code Exit}, and this JVM's stdout is shared with every
 * service's log), its table read back row by row.
 */
final class KafkaConsumerGroupsTool {

    private static final String MAIN = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";

    private final String bootstrapServers;

    KafkaConsumerGroupsTool(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The rows the tool prints for each group, ordered by topic and partition; '-' becomes null. */
    Map<String, GroupLag> describe(String... groups) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + quietLogging(),
                // a short-lived tool: start fast rather than run fast
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                MAIN, "--bootstrap-server", bootstrapServers, "--describe"));
        for (String group : groups) {
            command.add("--group");
            command.add(group);
        }
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            tool.destroyForcibly();
            throw new AssertionError("kafka-consumer-groups failed:\n" + output);
        }
        return parse(output, List.of(groups));
    }

    /**
     * Each group's table starts with its header (after "Consumer group '…' has no active members." when it has none);
     * a row is a line whose first column is the group.
     */
    static Map<String, GroupLag> parse(String output, List<String> groups) {
        Map<String, List<PartitionLag>> rows = new LinkedHashMap<>();
        groups.forEach(group -> rows.put(group, new ArrayList<>()));
        List<String> header = null;
        for (String line : output.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            List<String> columns = List.of(line.split("\\s+"));
            if (columns.get(0).equals("GROUP")) {
                header = columns;
            } else if (header != null && rows.containsKey(columns.get(0)) && columns.size() >= header.size()) {
                rows.get(columns.get(0)).add(new PartitionLag(
                        columns.get(header.indexOf("TOPIC")),
                        Integer.parseInt(columns.get(header.indexOf("PARTITION"))),
                        number(columns.get(header.indexOf("CURRENT-OFFSET"))),
                        number(columns.get(header.indexOf("LOG-END-OFFSET"))),
                        number(columns.get(header.indexOf("LAG")))));
            }
        }
        Map<String, GroupLag> described = new LinkedHashMap<>();
        rows.forEach((group, partitions) -> described.put(group, new GroupLag(group, partitions.stream()
                .sorted(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition))
                .toList())));
        return described;
    }

    private static Long number(String column) {
        return column.equals("-") ? null : Long.valueOf(column);
    }

    /** Without a configuration, logback would print the clients' DEBUG lines into the table. */
    private static Path quietLogging() throws IOException {
        Path config = Files.createTempFile("kafka-consumer-groups-logback", ".xml");
        config.toFile().deleteOnExit();
        Files.writeString(config, """
                <configuration>
                  <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>%level %logger %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="ERR"/></root>
                </configuration>
                """);
        return config;
    }
}
