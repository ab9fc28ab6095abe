package io.contactdesk.localstack;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar local-stack/target/local-stack.jar}: the whole bot on this machine, until Ctrl-C. */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStackSettings settings;
        try {
            settings = LocalStackSettings.fromEnvironment(System.getenv());
        } catch (InvalidSettingException e) {
            System.err.println("local-stack: " + e.getMessage());
            exitPromptly(2);
            return;
        }
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = new LocalStack(settings).start();
        } catch (RuntimeException e) {
            String setting = InvalidSettingException.findIn(e).map(Throwable::getMessage).orElse(null);
            System.err.println("local-stack: failed to start: " + (setting != null ? setting : e));
            if (setting == null) {
                e.printStackTrace();
            }
            exitPromptly(setting != null ? 2 : 1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("local-stack: stopping…");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println(new ReachabilityReport(stack, (System.nanoTime() - started) / 1_000_000).render());
        stopped.await();
    }

    /**
     * Exits, and halts if the orderly exit hangs: a library's shutdown hook waiting for something that failed to
     * start must not keep a failed stack running (a port clash once left it up for ten minutes, deaf to SIGTERM).
     */
    private static void exitPromptly(int status) {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(status);
        }, "local-stack-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(status);
    }
}
