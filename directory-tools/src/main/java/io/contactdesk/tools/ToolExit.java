package io.contactdesk.tools;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.apache.kafka.common.KafkaException;

/**
 * The exit codes both tools share, and the one place failures become them, so scripts can tell "fix the
 * environment" (2) from "the file or Kafka failed" (1).
 */
public final class ToolExit {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int SETTINGS = 2;

    private ToolExit() {
    }

    /** What a tool does once the arguments are checked; may throw any of the failures {@link #run} maps. */
    @FunctionalInterface
    public interface Body {
        int run() throws Exception;
    }

    /**
     * Runs {@code body}, printing a failure as one line on {@code err}. Settings errors name their variable (the
     * contracts' messages do); Kafka errors name the brokers. Nothing here prints a listing's content.
     */
    public static int run(String bootstrapHint, PrintStream err, Body body) {
        try {
            return body.run();
        } catch (InvalidSettingException e) {
            err.println(e.getMessage());
            return SETTINGS;
        } catch (IOException | UncheckedIOException e) {
            // NoSuchFileException's message is the bare path: say what happened too.
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            err.println("I/O error: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return FAILED;
        } catch (KafkaException e) {
            err.println("Kafka error (" + ToolSettings.BOOTSTRAP + "=" + bootstrapHint + "): " + e.getMessage());
            return FAILED;
        } catch (Exception e) {
            err.println("failed: " + e);
            return FAILED;
        }
    }
}
