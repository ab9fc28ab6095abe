package io.contactdesk.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free port for a server that must know its own address before it binds it, as the starter of a broker or a service
 * in a process of its own must. Chosen below the OS's ephemeral range (Linux:
 * {@code /proc/sys/net/ipv4/ip_local_port_range}, 32768–60999 by default): every outgoing connection takes its local
 * port from that range, so a port the OS handed out there could be taken by some client's connection between the
 * choice and the server's bind, and a service restarted on it could never start again. That happened when two modules'
 * tests ran side by side (a db-writer of the chaos suite failed nine starts with "Port … is already in use"). Below the
 * range only servers compete, and each choice is random and checked free.
 */
public final class FreePort {

    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;

    private FreePort() {
    }

    /** {@code requested}, or a free port when it is 0. */
    public static int orAny(int requested) {
        return requested != 0 ? requested : any();
    }

    /** A port that was free a moment ago, below the ephemeral range where there is room for one; else one the OS picks. */
    public static int any() {
        int ephemeralStart = ephemeralRangeStart();
        if (ephemeralStart - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
                if (free(port)) {
                    return port;
                }
            }
        }
        return bound(0);
    }

    private static boolean free(int port) {
        try {
            bound(port);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static int bound(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768; // not Linux, or unreadable: the usual start of the range
        }
    }
}
