package io.contactdesk.localstack;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports the stack will listen on, checked before anything starts. A port found taken half-way through start-up
 * left four Spring contexts starting while the JVM tried to exit, and the stack hung; checked first, it ends with one
 * line naming the port and the variable that moves it.
 */
final class FixedPorts {

    /** {@code port} is taken by {@code owner}, and set by {@code variable} whose value is {@code setting}. */
    private record PortClaim(int port, String variable, int setting, String owner) {

        String problem() {
            String taken = port == setting
                    ? "is " + port + " (" + owner + "), a port already in use"
                    : "is " + setting + ", so " + owner + " takes " + port + ", a port already in use";
            return taken + ": stop what holds it or set " + variable + " to a free port";
        }
    }

    private FixedPorts() {
    }

    static void requireFree(LocalStackSettings settings) {
        for (PortClaim claim : claims(settings)) {
            if (claim.port() != 0 && !free(claim.port())) {
                throw new InvalidSettingException(claim.variable(), claim.problem());
            }
        }
    }

    private static List<PortClaim> claims(LocalStackSettings settings) {
        List<PortClaim> claims = new ArrayList<>();
        if (settings.usesSandbox()) {
            claims.add(new PortClaim(settings.sandboxPort(), "SANDBOX_PORT", settings.sandboxPort(),
                    "the Telegram sandbox"));
        }
        if (settings.externalKafka() == null && settings.kafkaPort() != 0) {
            claims.add(new PortClaim(settings.kafkaPort(), "KAFKA_PORT", settings.kafkaPort(), "the Kafka broker"));
            claims.add(new PortClaim(settings.kafkaPort() + 1, "KAFKA_PORT", settings.kafkaPort(),
                    "the Kafka controller"));
        }
        claims.add(new PortClaim(settings.postgresPort(), "POSTGRES_PORT", settings.postgresPort(), "PostgreSQL"));
        if (settings.webhook() != null) {
            claims.add(new PortClaim(settings.webhook().port(), "WEBHOOK_PORT", settings.webhook().port(),
                    "the ingress's webhook endpoint"));
        }
        int first = settings.firstServicePort();
        if (first != 0) {
            List<String> services = LocalStack.SERVICES_BY_PORT;
            for (int i = 0; i < services.size(); i++) {
                claims.add(new PortClaim(first + i, "SERVICES_FIRST_PORT", first, services.get(i)));
            }
        }
        return claims;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
