package io.contactdesk.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service as its own OS process ({@code java -jar <module>/target/<module>.jar}), killed with SIGKILL and started
 * again on the same port. Every launch writes its stdout and stderr to {@code target/chaos-logs/<service>-<n>.log} and
 * gets its own Streams state directory.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final int port;
    private final Path logDir;
    private final Path stateRoot;
    private final List<String> jvmArgs;
    private Process process;
    private int launches;
    /** When each launch was first seen UP, by whoever looked: the chaos loop may kill it again right after. */
    private final Map<Integer, Long> firstHealthyAt = new java.util.concurrent.ConcurrentHashMap<>();

    ServiceProcess(String name, Path repoRoot, Map<String, String> environment, int port, Path logDir, Path stateRoot,
            List<String> jvmArgs, Path jarDir) {
        this.name = name;
        Path built = repoRoot.resolve(name).resolve("target").resolve(name + ".jar");
        if (!Files.isRegularFile(built)) {
            throw new IllegalStateException(built + " is missing: build it first (./mvnw -B -ntp -q -pl " + name
                    + " package -DskipTests), or run this module through the reactor, which builds it");
        }
        // A snapshot: a rebuild of the module while the suite runs must not pull the jar from under a live process.
        try {
            this.jar = Files.copy(built, Files.createDirectories(jarDir).resolve(name + ".jar"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + built, e);
        }
        this.environment = new LinkedHashMap<>(environment);
        this.port = port;
        this.logDir = logDir;
        this.stateRoot = stateRoot;
        this.jvmArgs = jvmArgs;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    synchronized int launches() {
        return launches;
    }

    synchronized Path currentLog() {
        return logDir.resolve(name + "-" + launches + ".log");
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        launches++;
        try {
            Path state = Files.createDirectories(stateRoot.resolve(name + "-" + launches));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            command.addAll(jvmArgs);
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logDir.resolve(name + "-" + launches + ".log").toFile());
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            builder.environment().put("STREAMS_STATE_DIR", state.toString());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or committed. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Whether {@code /actuator/health} answers {@code UP}. */
    boolean healthy() {
        if (!alive()) {
            return false;
        }
        int launch = launches();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean up = response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
            if (up && launch == launches()) {
                firstHealthyAt.putIfAbsent(launch, System.nanoTime());
            }
            return up;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How one launch's wait for health ended. */
    enum LaunchHealth { HEALTHY, REPLACED_BEFORE_HEALTHY, NOT_HEALTHY_IN_TIME }

    /**
     * Waits until launch {@code launch} was seen UP (by this or any other caller), until {@code deadlineNanos}, or until
     * a later launch replaced it before it ever was.
     */
    LaunchHealth awaitHealthy(int launch, long deadlineNanos) {
        while (true) {
            if (firstHealthyAt.containsKey(launch)) {
                return LaunchHealth.HEALTHY;
            }
            if (launches() != launch) {
                return LaunchHealth.REPLACED_BEFORE_HEALTHY;
            }
            if (System.nanoTime() >= deadlineNanos) {
                return LaunchHealth.NOT_HEALTHY_IN_TIME;
            }
            healthy();
            sleep(250);
        }
    }

    /** {@link System#nanoTime()} when launch {@code launch} was first seen UP, or null. */
    Long healthyAt(int launch) {
        return firstHealthyAt.get(launch);
    }

    /** Waits until healthy; the time it took, or null when it did not get there in time (or died). */
    Duration awaitHealthy(Duration atMost) {
        long started = System.nanoTime();
        long deadline = started + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                return null;
            }
            if (healthy()) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            sleep(250);
        }
        return null;
    }

    /** The last lines of the current launch's log, for a failure report. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(currentLog());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    void stop() {
        kill();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
