package io.contactdesk.infra.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The broker as its own OS process ({@link BrokerMain} on this JVM's class path, which must hold this module), restarted on the same data directory
 * and ports: a SIGKILL leaves its logs unflushed and its transactions open, as a crashed broker does.
 */
public final class BrokerProcess {

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final Path logDir;
    private final List<String> jvmArgs;
    private Process process;
    private int launches;

    /** With a C1-only JIT and the serial collector: quick to start, as a suite that restarts it wants. */
    public BrokerProcess(int port, int controllerPort, Path dataDir, Path logDir) {
        this(port, controllerPort, dataDir, logDir, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }

    /** @param jvmArgs the broker JVM's options (a benchmark wants the full JIT) */
    public BrokerProcess(int port, int controllerPort, Path dataDir, Path logDir, List<String> jvmArgs) {
        this.jvmArgs = List.copyOf(jvmArgs);
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.logDir = logDir;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts the broker and waits (bounded) until it answers. */
    public synchronized void start() {
        launches++;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BrokerMain.class.getName(),
                Integer.toString(port), Integer.toString(controllerPort), dataDir.toString()));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("kafka-" + launches + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker", e);
        }
        // Recovery after a SIGKILL reloads every partition: on a busy 2-core machine that has taken over 90 s.
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not come up; see " + logDir.resolve("kafka-" + launches + ".log"));
            }
            ServiceProcess.sleep(200);
        }
    }

    /** kill -9. */
    /** The broker's OS process id (for peak-memory readings). */
    public synchronized long pid() {
        return process.pid();
    }

    public synchronized void kill() {
        process.destroyForcibly();
        await();
    }

    /** SIGTERM: the broker shuts down cleanly. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            await();
        }
    }

    private void await() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
