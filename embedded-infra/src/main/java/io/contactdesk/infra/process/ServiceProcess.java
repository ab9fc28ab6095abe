package io.contactdesk.infra.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a service as its own OS process ({@code java -jar <module>/target/<module>.jar}), killed with
 * SIGKILL and started again on the same port. Every launch writes its output to
 * {@code <logDir>/<instance>-<n>.log} and gets its own Streams state directory. A watcher thread asks
 * {@code /actuator/health} four times a second for the whole run and keeps every change of state, so that recovery is
 * measured from what the service said: DOWN during a fault, then UP again.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final long WATCH_MILLIS = 250;

    /** What the health endpoint said: UP, DOWN (answered, not UP), SILENT (alive, no answer), DEAD (no process). */
    public enum Health { UP, DOWN, SILENT, DEAD }

    /** A change of health: the launch it belongs to and when it was first seen. */
    public record Change(int launch, Health health, long atNanos) {
    }

    /**
     * A launch that ended on its own (not killed by the harness), with its exit code, whether it had ever said UP
     * (a failed start, say while the broker is away, has not), and when the exit was seen.
     */
    public record Exit(int launch, int exitCode, boolean wasUp, long atNanos) {
    }

    // docker-compose.yml's services run with restart: unless-stopped; Docker waits at least 100 ms, doubling.
    private static final long RESTART_DELAY_MILLIS = 1_000;

    private final String module;
    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final int port;
    private final Path logDir;
    private final Path stateRoot;
    private final List<String> jvmArgs;
    private final List<Change> changes = new ArrayList<>();
    private final List<Exit> exits = new ArrayList<>();
    private final List<Long> kills = new ArrayList<>();
    private Process process;
    private int launches;
    // The last launch whose end is accounted for: killed by the harness, or seen to exit on its own.
    private int endedLaunch;
    private volatile boolean restartOnExit;
    private volatile boolean leader;
    private volatile boolean watching = true;
    private volatile long watchWhileUpMillis = WATCH_MILLIS;

    public ServiceProcess(String module, int instance, Path repoRoot, Map<String, String> environment, int port, Path logDir,
            Path stateRoot, List<String> jvmArgs, Path jarDir) {
        this.module = module;
        this.name = module + "-" + instance;
        Path built = repoRoot.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(built)) {
            throw new IllegalStateException(built + " is missing: build it first (./mvnw -B -ntp -q -pl " + module
                    + " package -DskipTests), or run this module through the reactor, which builds it");
        }
        // A snapshot: a rebuild of the module while the suite runs must not pull the jar from under a live process.
        try {
            Path copy = Files.createDirectories(jarDir).resolve(module + ".jar");
            synchronized (ServiceProcess.class) {
                this.jar = Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + built, e);
        }
        this.environment = new LinkedHashMap<>(environment);
        this.port = port;
        this.logDir = logDir;
        this.stateRoot = stateRoot;
        this.jvmArgs = jvmArgs;
        Thread watcher = new Thread(this::watch, "health-" + name);
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Asks for health only this often while the instance is UP (four times a second otherwise, so that a start or a
     * recovery is still timed closely). For benchmarks: each ask runs through Spring MVC and Jackson in the service,
     * and four a second per service took a fifth of a 2-core machine's CPU from the services being measured.
     */
    public ServiceProcess watchWhileUpEvery(Duration interval) {
        this.watchWhileUpMillis = Math.max(WATCH_MILLIS, interval.toMillis());
        return this;
    }

    public String module() {
        return module;
    }

    public String name() {
        return name;
    }

    public synchronized int launches() {
        return launches;
    }

    public synchronized Path currentLog() {
        return logDir.resolve(name + "-" + launches + ".log");
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        launches++;
        leader = false;
        try {
            Path state = Files.createDirectories(stateRoot.resolve(name + "-" + launches));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (jvmArgs.stream().noneMatch(arg -> arg.startsWith("-Xmx"))) {
                command.add("-Xmx256m");
            }
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

    /**
     * From now on a launch that ends on its own is started again after a second, as {@code restart: unless-stopped}
     * does in production (docker-compose.yml): a service that cannot start while the broker is away exits, and its
     * supervisor starts it again. Each such exit is kept ({@link #exits()}).
     */
    public void restartOnExit() {
        restartOnExit = true;
    }

    /** The launches that ended on their own, oldest first. */
    public synchronized List<Exit> exits() {
        return List.copyOf(exits);
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or committed. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        endedLaunch = launches;
        kills.add(System.nanoTime());
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        record(launches, Health.DEAD);
    }

    /** The OS process id of the current launch, or -1 before the first start (for peak-memory readings). */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Whether the last look found this instance UP. */
    public boolean healthy() {
        Change last = lastChange();
        return last != null && last.health() == Health.UP && last.launch() == launches() && alive();
    }

    /** For the ingress poller: whether the last look found this instance holding the ingress lease. */
    public boolean leader() {
        return leader && healthy();
    }

    /** Every change of health seen so far, oldest first. */
    public synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    /** The first time at or after {@code fromNanos} that this instance was seen in {@code health}, or null. */
    public synchronized Long firstSeen(Health health, long fromNanos) {
        Health before = null;
        for (Change change : changes) {
            if (change.atNanos() >= fromNanos && change.health() == health) {
                return change.atNanos();
            }
            if (change.atNanos() < fromNanos) {
                before = change.health();
            }
        }
        // Already in that state when the window opened.
        return before == health ? fromNanos : null;
    }

    /** The first time at or after {@code fromNanos} that this instance was seen in any state but UP, or null. */
    public synchronized Long firstSeenNotUp(long fromNanos) {
        Health before = null;
        for (Change change : changes) {
            if (change.atNanos() >= fromNanos && change.health() != Health.UP) {
                return change.atNanos();
            }
            if (change.atNanos() < fromNanos) {
                before = change.health();
            }
        }
        return before != null && before != Health.UP ? fromNanos : null;
    }

    /** The first {@link #kill()} after {@code fromNanos}, or null. */
    public synchronized Long killedAfter(long fromNanos) {
        for (long at : kills) {
            if (at > fromNanos) {
                return at;
            }
        }
        return null;
    }

    /** Waits (bounded) until this instance is UP; false when it is not in time. */
    public boolean awaitHealthy(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (healthy()) {
                return true;
            }
            sleep(WATCH_MILLIS);
        }
        return false;
    }

    /** The last lines of the current launch's log, for a failure report. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(currentLog());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The whole current log, for a look for a given line. */
    public String log() {
        try {
            return Files.readString(currentLog());
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    public void stop() {
        watching = false;
        restartOnExit = false;
        kill();
    }

    private void watch() {
        while (watching) {
            int launch = launches();
            Health health = Health.DEAD;
            if (!alive()) {
                record(launch, Health.DEAD);
                restartIfExited(launch);
            } else {
                health = look();
                synchronized (this) {
                    // An answer of a launch killed while it was in flight must not read as the next launch being UP.
                    if (launch == launches && alive()) {
                        record(launch, health);
                    }
                }
            }
            sleep(health == Health.UP ? watchWhileUpMillis : WATCH_MILLIS);
        }
    }

    private void restartIfExited(int launch) {
        synchronized (this) {
            if (!restartOnExit || process == null || launch != launches || launch == endedLaunch || process.isAlive()) {
                return;
            }
            boolean wasUp = changes.stream().anyMatch(change -> change.launch() == launch && change.health() == Health.UP);
            exits.add(new Exit(launch, process.exitValue(), wasUp, System.nanoTime()));
            endedLaunch = launch;
        }
        sleep(RESTART_DELAY_MILLIS);
        synchronized (this) {
            // The harness may have started it meanwhile.
            if (watching && restartOnExit && launch == launches) {
                start();
            }
        }
    }

    private Health look() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean up = response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
            leader = response.body().contains("\"role\":\"leader\"");
            return up ? Health.UP : Health.DOWN;
        } catch (IOException e) {
            return Health.SILENT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.SILENT;
        }
    }

    private synchronized Change lastChange() {
        return changes.isEmpty() ? null : changes.get(changes.size() - 1);
    }

    private synchronized void record(int launch, Health health) {
        Change last = lastChange();
        if (last == null || last.health() != health || last.launch() != launch) {
            changes.add(new Change(launch, health, System.nanoTime()));
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
