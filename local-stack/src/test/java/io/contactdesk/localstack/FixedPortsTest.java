package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FixedPortsTest {

    @Test
    void theOpsConsolesPortTakenNamesTheConsoleAndServicesFirstPort() throws IOException {
        try (ServerSocket taken = lastPortTakenTheOthersFree()) {
            // given the port the ops console would take, the last of the services' ports, held by someone else
            int port = taken.getLocalPort();
            int first = port - (LocalStack.SERVICES_BY_PORT.size() - 1);
            LocalStackSettings settings = new LocalStackSettings(0, 0, 0, Path.of("unused"), null, null, "", null,
                    first, null);

            // then the check before start-up refuses it, naming the console, the port and the variable
            assertThatThrownBy(() -> FixedPorts.requireFree(settings))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("SERVICES_FIRST_PORT")
                    .hasMessageContaining("ops-console takes " + port);
        }
    }

    /**
     * A port held here whose lower neighbours (the other services' ports) are free: an ephemeral port's neighbours are
     * often held by some other connection on a busy machine, which the check would name first (seen in CI).
     */
    private static ServerSocket lastPortTakenTheOthersFree() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            ServerSocket taken = new ServerSocket(0);
            int first = taken.getLocalPort() - (LocalStack.SERVICES_BY_PORT.size() - 1);
            if (first > 0 && allFree(first, taken.getLocalPort())) {
                return taken;
            }
            taken.close();
        }
        throw new IllegalStateException("no free run of " + LocalStack.SERVICES_BY_PORT.size() + " ports found");
    }

    private static boolean allFree(int from, int below) {
        for (int port = from; port < below; port++) {
            // as FixedPorts looks
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
