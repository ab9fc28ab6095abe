package io.contactdesk.sandbox;

import io.contactdesk.testsupport.SandboxClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh sandbox per test on an ephemeral port, so tests never share state or ports. */
abstract class SandboxTestBase {

    static final long USER = 424242L;

    TelegramSandbox sandbox;
    SandboxClient client;

    TelegramSandbox.Builder configure(TelegramSandbox.Builder builder) {
        return builder;
    }

    @BeforeEach
    void startSandbox() {
        sandbox = configure(TelegramSandbox.builder().port(0)).build().start();
        client = new SandboxClient(sandbox.baseUrl(), sandbox.token());
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }
}
