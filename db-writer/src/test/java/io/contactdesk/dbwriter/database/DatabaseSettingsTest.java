package io.contactdesk.dbwriter.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import io.contactdesk.contracts.config.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void missingDatabaseUrlNamesTheVariable() {
        assertThatThrownBy(() -> new DatabaseSettings("", 4, null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL is not set");
    }

    @Test
    void libpqFormBecomesJdbcUrlWithCredentials() {
        HikariConfig config = new DatabaseSettings("postgresql://writer:s3cret@db.local:6543/contactdesk", 4, null)
                .hikariConfig();

        assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/contactdesk");
        assertThat(config.getUsername()).isEqualTo("writer");
        assertThat(config.getPassword()).isEqualTo("s3cret");
    }

    @Test
    void jdbcFormIsUsedAsIs() {
        HikariConfig config = new DatabaseSettings("jdbc:postgresql://db:5432/cd?user=u&password=p", 4, null)
                .hikariConfig();

        assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/cd?user=u&password=p");
        assertThat(config.getUsername()).isNull();
    }

    @Test
    void poolBatchesInsertsAndIsNamedForTheService() {
        HikariConfig config = new DatabaseSettings("postgresql://u:p@db/cd", 3, Duration.ofSeconds(2)).hikariConfig();

        assertThat(config.getPoolName()).isEqualTo("contactdesk-db-writer");
        assertThat(config.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
        assertThat(config.getMaximumPoolSize()).isEqualTo(3);
        assertThat(config.getConnectionTimeout()).isEqualTo(2000);
    }

    @Test
    void printsNoPassword() {
        assertThat(new DatabaseSettings("postgresql://u:s3cret@db/cd", 4, null).toString()).doesNotContain("s3cret");
    }

    @Test
    void printsNoPasswordOfAJdbcUrlEither() {
        assertThat(new DatabaseSettings("jdbc:postgresql://db:5432/cd?user=u&password=s3cret", 4, null).toString())
                .doesNotContain("s3cret").contains("db:5432/cd");
    }
}
