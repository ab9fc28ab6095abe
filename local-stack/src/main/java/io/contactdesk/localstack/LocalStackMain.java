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
            System.exit(2);
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
            System.exit(1);
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
}
