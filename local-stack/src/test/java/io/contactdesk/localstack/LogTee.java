package io.contactdesk.localstack;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything the JVM prints while installed, kept as well as printed: the console's share of the local stack's log
 * (Logback's console appender writes to whatever {@code System.out} is at the time) and anything printed directly.
 * The rest of the log is in {@link LocalStack#logFile()}.
 */
final class LogTee implements AutoCloseable {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private LogTee() {
    }

    static LogTee install() {
        LogTee tee = new LogTee();
        System.setOut(new PrintStream(tee.new Both(tee.originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee.new Both(tee.originalErr), true, StandardCharsets.UTF_8));
        return tee;
    }

    /** Every line printed so far. */
    List<String> lines() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private final class Both extends OutputStream {

        private final PrintStream console;

        Both(PrintStream console) {
            this.console = console;
        }

        @Override
        public void write(int b) {
            console.write(b);
            synchronized (copy) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            console.write(bytes, offset, length);
            synchronized (copy) {
                copy.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() {
            console.flush();
        }
    }
}
