package io.contactdesk.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's nginx as the load balancer in front of webhook instances: its own configuration in a work folder, started
 * in the foreground as a child process and stopped with it. Installed by {@code scripts/install-nginx.sh} when missing
 * (as CI has it: the script runs from here, the way the browser tests install Chromium); where that cannot work, the
 * test that needs nginx is skipped with the reason.
 */
final class Nginx implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final String INSTALL_SCRIPT = "scripts/install-nginx.sh";

    private final Process process;
    private final Path errorLog;

    private Nginx(Process process, Path errorLog) {
        this.process = process;
        this.errorLog = errorLog;
    }

    /**
     * Listens on {@code port} and spreads {@code POST path} over the upstreams, round robin. A refused connection
     * (an instance down) goes to the next upstream, as nginx does before it sent anything; a request cut off
     * mid-way is answered 502, and Telegram retries it.
     */
    static Nginx start(Path work, int port, String path, List<Integer> upstreams) {
        ensureInstalled();
        try {
            Files.createDirectories(work);
            Path conf = work.resolve("nginx.conf");
            Path errorLog = work.resolve("error.log");
            String servers = upstreams.stream()
                    .map(upstream -> "    server 127.0.0.1:" + upstream + " max_fails=1 fail_timeout=2s;")
                    .collect(Collectors.joining("\n"));
            Files.writeString(conf, """
                    daemon off;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 1024; }
                    http {
                      access_log off;
                      client_body_temp_path %1$s/client_body;
                      proxy_temp_path %1$s/proxy;
                      fastcgi_temp_path %1$s/fastcgi;
                      uwsgi_temp_path %1$s/uwsgi;
                      scgi_temp_path %1$s/scgi;
                      upstream ingress {
                    %2$s
                        keepalive 32;
                      }
                      server {
                        listen 127.0.0.1:%3$d;
                        client_max_body_size 1m;
                        client_body_buffer_size 1m;
                        location = %4$s {
                          proxy_pass http://ingress;
                          proxy_http_version 1.1;
                          proxy_set_header Connection "";
                          proxy_connect_timeout 1s;
                          proxy_read_timeout 30s;
                        }
                        location / { return 404; }
                      }
                    }
                    """.formatted(work, servers, port, path));
            Process process = new ProcessBuilder(BINARY.toString(), "-p", work.toString(), "-c", conf.toString(),
                    "-e", errorLog.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
            return new Nginx(process, errorLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx in " + work, e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    String errors() {
        try {
            return Files.exists(errorLog) ? Files.readString(errorLog) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Installs nginx through the project's script when it is missing; skips the calling test if it cannot. */
    static synchronized void ensureInstalled() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        Path script = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && script == null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(INSTALL_SCRIPT))) {
                script = dir.resolve(INSTALL_SCRIPT);
            }
        }
        Assumptions.assumeTrue(script != null, BINARY + " is missing and no " + INSTALL_SCRIPT + " was found");
        String outcome;
        try {
            Path output = Files.createTempFile("install-nginx-", ".log");
            Process install = new ProcessBuilder("bash", script.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean done = install.waitFor(10, TimeUnit.MINUTES);
            if (!done) {
                install.destroyForcibly();
            }
            List<String> lines = Files.readAllLines(output);
            outcome = (done ? "exit " + install.exitValue() : "timed out") + ": "
                    + String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            outcome = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "nginx is missing at " + BINARY + " and " + INSTALL_SCRIPT
                + " could not install it (" + outcome + "); install Debian's nginx package to run this test");
    }
}
