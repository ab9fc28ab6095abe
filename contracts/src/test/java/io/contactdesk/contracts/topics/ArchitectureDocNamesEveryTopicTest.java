package io.contactdesk.contracts.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/architecture.md stays true: every topic declared in {@link Topics} has a row in its topics table. */
class ArchitectureDocNamesEveryTopicTest {

    private static final Path DOC = Path.of("docs", "architecture.md");

    private static List<String> docLines;

    @BeforeAll
    static void readDoc() throws IOException {
        docLines = Files.readAllLines(findDoc());
    }

    @Test
    void everyDeclaredTopicHasARowInTheTopicsTable() {
        assertThat(Topics.all()).isNotEmpty();
        List<String> missing = Topics.all().stream().map(Topic::name).filter(name -> !hasRow(name)).toList();

        assertThat(missing).as("topics of Topics without a row (| `name` | ...) in docs/architecture.md").isEmpty();
    }

    @Test
    void everyDeclaredTopicsDeadLetterTopicHasARowInTheTopicsTable() {
        List<String> missing = Topics.all().stream()
                .map(topic -> Topics.byName(topic.name() + Topic.DEAD_LETTER_SUFFIX))
                .flatMap(Optional::stream)
                .map(Topic::name)
                .filter(name -> !hasRow(name))
                .toList();

        assertThat(missing).as("dead-letter topics without a row (| `name` | ...) in docs/architecture.md").isEmpty();
    }

    /** A table row whose first cell is the backticked name: {@code tg.outbox} never matches {@code tg.outbox.bulk}. */
    private static boolean hasRow(String topic) {
        String cell = "| `" + topic + "` |";
        return docLines.stream().anyMatch(line -> line.strip().startsWith(cell));
    }

    /** Maven runs a module's tests in the module directory; an IDE may use the repository root: look upwards. */
    private static Path findDoc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DOC);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/architecture.md not found above " + Path.of("").toAbsolutePath());
    }
}
