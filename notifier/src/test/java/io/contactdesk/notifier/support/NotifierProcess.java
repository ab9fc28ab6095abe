package io.contactdesk.notifier.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A notifier in a JVM of its own, started from the runnable jar the build just made, so a test can kill it as a
 * crash would ({@link #kill()}: no shutdown hook, no commit, no goodbye).
 */
public final class NotifierProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private NotifierProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static NotifierProcess start(String name, List<String> arguments) {
        Path jar = Path.of("target", "notifier-0.1.0-SNAPSHOT-exec.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the ITs through Maven's verify, after package");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", jar.toString()));
        command.addAll(arguments);
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new NotifierProcess(process, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", command), e);
        }
    }

    /** Until the notifier reached the Bot API after start-up (it logs its getMe once ready). */
    public NotifierProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("notifier exited at start:\n" + tail());
            }
            if (tail().contains("Bot API reachable as")) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("notifier not ready within " + timeout + ":\n" + tail());
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** As a crash: SIGKILL, and wait until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(File.separator.equals("/") ? "\n" : "\r\n",
                    lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
