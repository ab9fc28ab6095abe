package io.contactdesk.sandbox.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.sandbox.browser.DevTools.DevToolsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A headless Debian Chromium driven over the DevTools protocol, for browser tests without npm.
 *
 * <pre>{@code
 * try (Chromium chromium = Chromium.launch(); BrowserTab page = chromium.newPage()) {
 *     page.navigate(sandbox.baseUrl() + "/?user=42");
 *     page.waitFor("document.querySelector('[data-testid=message]')", Duration.ofSeconds(10));
 *     page.screenshot(Path.of("target/screenshots/chat.png"));
 * }
 * }</pre>
 *
 * <p>When {@code /usr/bin/chromium} is missing, {@link #launch()} runs {@code scripts/install-chromium.sh}
 * of the enclosing checkout first, and fails with the script's output when that does not work:
 * a browser test that silently skips proves nothing.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final String INSTALL_SCRIPT = "scripts/install-chromium.sh";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 860;

    private final Process process;
    private final Path userDataDir;
    private final DevTools devTools;

    private Chromium(Process process, Path userDataDir, DevTools devTools) {
        this.process = process;
        this.userDataDir = userDataDir;
        this.devTools = devTools;
    }

    /** Starts a fresh headless browser with a throw-away profile. */
    public static Chromium launch() {
        ensureInstalled();
        Path userDataDir;
        Process process;
        try {
            userDataDir = Files.createTempDirectory("chromium-profile-");
            // Kept inside the profile, so that close() removes it too.
            Path log = userDataDir.resolve("chromium-output.log");
            process = new ProcessBuilder(BINARY.toString(),
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                    "--hide-scrollbars", "--mute-audio", "--window-size=" + WIDTH + "," + HEIGHT,
                    "--remote-debugging-port=0", "--user-data-dir=" + userDataDir, "about:blank")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                URI endpoint = awaitDevToolsEndpoint(process, userDataDir, log);
                return new Chromium(process, userDataDir, DevTools.connect(endpoint));
            } catch (RuntimeException e) {
                stop(process);
                deleteQuietly(userDataDir);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
    }

    /** A new tab, with a laptop-sized viewport. */
    public BrowserTab newPage() {
        JsonNode target = devTools.call(null, "Target.createTarget",
                DevTools.JSON.createObjectNode().put("url", "about:blank"));
        String targetId = target.get("targetId").asText();
        JsonNode session = devTools.call(null, "Target.attachToTarget",
                DevTools.JSON.createObjectNode().put("targetId", targetId).put("flatten", true));
        return new BrowserTab(devTools, targetId, session.get("sessionId").asText(), WIDTH, HEIGHT);
    }

    /** Closes the browser and deletes its profile. */
    @Override
    public void close() {
        try {
            devTools.call(null, "Browser.close", null);
        } catch (DevToolsException e) {
            // it is stopped below either way
        }
        devTools.close();
        stop(process);
        deleteQuietly(userDataDir);
    }

    /** Installs Chromium through the project's script when it is missing; fails loudly if it cannot. */
    public static synchronized void ensureInstalled() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        Path script = findInstallScript();
        try {
            Path output = Files.createTempFile("install-chromium-", ".log");
            Process install = new ProcessBuilder("bash", script.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean done = install.waitFor(15, TimeUnit.MINUTES);
            if (!done) {
                install.destroyForcibly();
            }
            if (!done || install.exitValue() != 0 || !Files.isExecutable(BINARY)) {
                throw new IllegalStateException(BINARY + " is missing and " + script + " could not install it"
                        + (done ? " (exit " + install.exitValue() + ")" : " (timed out)")
                        + "; install Debian's chromium package. Script output:\n" + tail(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing Chromium", e);
        }
    }

    private static Path findInstallScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve(INSTALL_SCRIPT);
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException(BINARY + " is missing and no " + INSTALL_SCRIPT + " was found above "
                + Path.of("").toAbsolutePath() + "; install Debian's chromium package");
    }

    /** Chromium writes the port it chose, then the browser's WebSocket path, once it listens. */
    private static URI awaitDevToolsEndpoint(Process process, Path userDataDir, Path log) throws IOException {
        Path portFile = userDataDir.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && !lines.get(1).isBlank()) {
                    return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Chromium started", e);
            }
        }
        throw new IllegalStateException("Chromium did not open its DevTools port within " + START_TIMEOUT + ":\n"
                + tail(log));
    }

    private static void stop(Process process) {
        // /usr/bin/chromium is a wrapper script, and the browser runs helper processes: stop them all.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
