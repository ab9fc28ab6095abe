package io.contactdesk.infra.process;

import io.contactdesk.infra.KraftBroker;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The KRaft broker in a process of its own ({@link BrokerProcess}), so that the suite can kill it with SIGKILL: in the
 * test JVM it could only be closed. Arguments: port, controller port, data directory (formatted on first start, kept
 * across restarts).
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        KraftBroker broker = KraftBroker.builder().port(Integer.parseInt(args[0])).controllerPort(Integer.parseInt(args[1]))
                .dataDir(Path.of(args[2])).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        new CountDownLatch(1).await();
    }
}
