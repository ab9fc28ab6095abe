package io.contactdesk.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

    @TempDir
    Path dataDir;

    @Test
    void theApplicationRoleOwnsItsDatabaseAndDataSurvivesARestart() throws Exception {
        // given a server on a kept data directory, written to by the application role
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().dataDir(dataDir).build().start();
                Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("create table notes (text text)");
            statement.execute("insert into notes values ('kept')");
            assertThat(server.url()).startsWith("postgresql://contactdesk:contactdesk@localhost:");
        }

        // when it starts again on the same directory
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().dataDir(dataDir).build().start();
                Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select text from notes")) {
            // then the row is still there
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
    }
}
