package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Spring applications starting side by side in one JVM, as the local stack's four services do. */
class SharedLoggingTest {

    private static final int SERVICES = 4;
    /**
     * Unguarded, about one round in five lost an application on 2 cores: six rounds catch that in three runs of four,
     * and every CI run tries again; ten would cost a fast-tier test half a minute.
     */
    private static final int ROUNDS = 6;

    @Configuration(proxyBeanMethods = false)
    static class Service {
    }

    @Test
    void applicationsStartingAtTheSameMomentInOneJvmAllStart() {
        List<Throwable> failures = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(SERVICES);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // given four applications released at the same moment
                CyclicBarrier together = new CyclicBarrier(SERVICES);
                List<CompletableFuture<ConfigurableApplicationContext>> starting = new ArrayList<>();
                for (int i = 0; i < SERVICES; i++) {
                    starting.add(CompletableFuture.supplyAsync(() -> {
                        awaitOthers(together);
                        // when each starts as the local stack starts its services
                        return SharedLogging.run(application());
                    }, threads));
                }
                for (CompletableFuture<ConfigurableApplicationContext> service : starting) {
                    try {
                        service.join().close();
                    } catch (CompletionException e) {
                        failures.add(e.getCause());
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }

        // then every one of them started (unguarded: "Unable to find Spring Environment in logger context")
        assertThat(failures).isEmpty();
    }

    private static SpringApplication application() {
        SpringApplication application = new SpringApplication(Service.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        return application;
    }

    private static void awaitOthers(CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
