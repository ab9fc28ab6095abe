package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FixedPortsTest {

    @Test
    void theOpsConsolesPortTakenNamesTheConsoleAndServicesFirstPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
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
}
