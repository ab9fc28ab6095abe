package io.contactdesk.localstack;

/**
 * Which part of the local stack a thread works for, so that each log line names its service although all of them
 * share one JVM and one Logback context. Spring's {@code spring.application.name} cannot say it: there is one per
 * context but Logback keeps one, so the last service to start named every line.
 *
 * <p>Inheritable: the threads a service starts (Kafka clients, Streams threads, Tomcat's pool, schedulers) are created
 * by its start-up thread or by threads it created, and so carry its name.
 */
final class ServiceLabel {

    static final String STACK = "local-stack";

    private static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>();

    private ServiceLabel() {
    }

    /** A new thread that runs {@code work} as {@code service}; threads it creates work for that service too. */
    static Thread thread(String service, Runnable work) {
        Thread thread = new Thread(() -> {
            CURRENT.set(service);
            work.run();
        }, "start-" + service);
        thread.setDaemon(true);
        return thread;
    }

    static String current() {
        String service = CURRENT.get();
        return service != null ? service : STACK;
    }
}
