package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar local-stack/target/local-stack.jar} as a newcomer runs it: what the console shows, and a clash. */
class LocalStackConsoleIT {

    private static final Path JAR = Path.of("target", "local-stack.jar");
    private static final String BANNER = "=== contactdesk local stack is up";
    /** What a newcomer sees first: the measure of a quiet start (fewer than 100 lines in it). */
    private static final Duration FIRST_RUN = Duration.ofSeconds(30);
    /** The banner's line for the ops console: its name and where to open it. */
    private static final Pattern OPS_CONSOLE_URL = Pattern.compile("^ +ops-console +http://localhost:\\d+$");
    /** A line whose thread column names one of Kafka Streams' threads. */
    private static final Pattern STREAM_THREAD = Pattern.compile("^\\S+ \\S+ \\S+ +\\[[^]]+] \\[[^]]*-StreamThread-\\d+]");

    @TempDir
    Path dataDir;

    @Test
    void theFirstRunPrintsTheBannerAndLittleElseAndLabelsEachLogLineWithItsService() throws Exception {
        // given the stack started as a newcomer starts it, every port picked free
        long startedAt = System.nanoTime();
        Process stack = start(Map.of("SANDBOX_PORT", "0", "KAFKA_PORT", "0", "POSTGRES_PORT", "0",
                "SERVICES_FIRST_PORT", "0"));
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        collect(stack, console);
        try {
            // when it has come up (the whole start, by far the noisiest part of a run) and run for 30 s: on a slow
            // machine the start takes longer, and every line up to the banner counts
            await().atMost(Duration.ofMinutes(3)).until(() -> !stack.isAlive()
                    || snapshot(console).stream().anyMatch(line -> line.startsWith(BANNER))
                    && Duration.ofNanos(System.nanoTime() - startedAt).compareTo(FIRST_RUN) >= 0);
            List<String> firstRun = snapshot(console);

            // then the console held the banner and fewer than 100 lines in all
            assertThat(firstRun).as("console").anyMatch(line -> line.startsWith(BANNER));
            assertThat(firstRun).as("console lines in the first 30 s, and up to the banner").hasSizeLessThan(100);
            assertThat(console).as("each service's start").anyMatch(line -> line.contains("command-processor started"))
                    .anyMatch(line -> line.contains("ops-console started"));
            assertThat(console).as("the banner's ops console").anyMatch(line -> OPS_CONSOLE_URL.matcher(line).find());

            // and the full log names the service each line comes from, Kafka's own threads included
            List<String> log = Files.readAllLines(dataDir.resolve("local-stack.log"), StandardCharsets.UTF_8);
            assertThat(log).as("full log").hasSizeGreaterThan(console.size());
            assertThat(log).as("the Streams threads' lines").filteredOn(line -> STREAM_THREAD.matcher(line).find())
                    .isNotEmpty().allMatch(line -> line.contains("[command-processor]"));
            assertThat(log).as("the ops console's report listener's lines")
                    .filteredOn(line -> line.contains("[ops-console-report-requests-"))
                    .isNotEmpty().allMatch(line -> line.contains("[ops-console]"));
            assertThat(log).as("the broker's lines").filteredOn(line -> line.contains(" kafka.server."))
                    .isNotEmpty().allMatch(line -> line.contains("[kafka]"));
            assertThat(log).as("the notifier's listeners' lines").filteredOn(line -> line.contains("[notifier-"))
                    .isNotEmpty().allMatch(line -> line.contains("[notifier]"));
            assertThat(log).as("db-writer's listener's lines").filteredOn(line -> line.contains("[ingestContainer-"))
                    .isNotEmpty().allMatch(line -> line.contains("[db-writer]"));
        } finally {
            stack.destroy();
            if (!stack.waitFor(60, TimeUnit.SECONDS)) {
                stack.destroyForcibly();
            }
        }
    }

    @Test
    void aPortAlreadyInUseEndsTheStartWithinTenSecondsWithOneLineNamingItsVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            // given PostgreSQL's port held by someone else
            int port = taken.getLocalPort();

            // when the stack starts
            Process stack = start(Map.of("SANDBOX_PORT", "0", "KAFKA_PORT", "0", "POSTGRES_PORT",
                    Integer.toString(port), "SERVICES_FIRST_PORT", "0"));
            List<String> console = Collections.synchronizedList(new ArrayList<>());
            Thread reader = collect(stack, console);
            boolean ended = stack.waitFor(10, TimeUnit.SECONDS);
            if (!ended) {
                stack.destroyForcibly();
            }
            reader.join(2_000);

            // then it ended, failed, and said so in one line naming the port and the variable
            assertThat(ended).as("ended within 10 s").isTrue();
            assertThat(stack.exitValue()).isNotZero();
            assertThat(console).hasSize(1);
            assertThat(console.get(0)).contains("POSTGRES_PORT").contains(Integer.toString(port));
        }
    }

    private Process start(Map<String, String> environment) throws IOException {
        assertThat(JAR).as("the runnable jar (built in the package phase)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("LOCAL_STACK_DATA_DIR", dataDir.toString());
        builder.environment().remove("TELEGRAM_TOKEN");
        builder.environment().remove("LOCAL_STACK_LOG");
        return builder.start();
    }

    /** The lines read so far; the reader keeps adding to the list while it is walked. */
    private static List<String> snapshot(List<String> lines) {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private static Thread collect(Process process, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "local-stack-console");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
