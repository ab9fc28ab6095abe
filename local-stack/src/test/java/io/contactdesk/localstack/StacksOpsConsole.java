package io.contactdesk.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.springframework.context.ConfigurableApplicationContext;

/** The ops console a running local stack started, and the login it generated in its data directory. */
record StacksOpsConsole(ConfigurableApplicationContext context, String password) {

    static StacksOpsConsole of(LocalStack stack) {
        ServiceInstance console = stack.services().stream().filter(s -> s.name().equals("ops-console")).findFirst()
                .orElseThrow(() -> new AssertionError("the stack runs no ops-console: " + stack.services()));
        try {
            String password = Files.readString(stack.settings().dataDir().resolve(LocalKeyring.OPS_CONSOLE_PASSWORD_FILE),
                    StandardCharsets.UTF_8).trim();
            return new StacksOpsConsole(console.context(), password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
