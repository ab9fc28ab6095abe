package io.contactdesk.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Ports chosen by the OS when a caller asks for "any" (0) but the server must know its own address up front, as the
 * starter of a broker in a process of its own ({@code BrokerProcess}) must.
 */
public final class FreePort {

    private FreePort() {
    }

    public static int orEphemeral(int requested) {
        if (requested != 0) {
            return requested;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
