package io.contactdesk.processor.streams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * A state directory for a {@link org.apache.kafka.streams.TopologyTestDriver} on tmpfs where the machine has one
 * ({@code @TempDir(factory = InMemoryStateDirectory.class)}). The driver commits after every record, and each commit
 * fsyncs every store's checkpoint: on a disk that is most of a topology test's time, on tmpfs it costs nothing. A
 * directory of its own per test, too: another build running the same test at the same time must not share its state.
 */
public final class InMemoryStateDirectory implements TempDirFactory {

    private static final Path SHM = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        return Files.isDirectory(SHM) && Files.isWritable(SHM)
                ? Files.createTempDirectory(SHM, "topology-state")
                : Files.createTempDirectory("topology-state");
    }
}
