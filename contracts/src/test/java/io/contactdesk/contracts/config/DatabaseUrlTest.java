package io.contactdesk.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void jdbcFormIsTakenAsIs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/contactdesk?user=a&password=b");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/contactdesk?user=a&password=b");
        assertThat(url.username()).isNull();
    }

    @Test
    void libpqFormBecomesJdbcWithCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://contactdesk:s%40cret@db.internal:5433/contactdesk?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/contactdesk?sslmode=require");
        assertThat(url.username()).isEqualTo("contactdesk");
        assertThat(url.password()).isEqualTo("s@cret");
    }

    @Test
    void libpqFormWithoutPortUsesPostgresDefault() {
        assertThat(DatabaseUrl.parse("postgres://u:p@db/app").jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    void missingUrlNamesTheVariable() {
        assertThatThrownBy(() -> DatabaseUrl.parse(" "))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL is not set");
    }

    @Test
    void otherSchemesAreRejectedNamingTheVariable() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:p@db/app"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL must start with");
    }

    @Test
    void urlWithoutDatabaseNameIsRejected() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@db:5432/"))
                .hasMessageContaining("no database name");
    }

    @Test
    void passwordNeverAppearsInToString() {
        assertThat(DatabaseUrl.parse("postgresql://u:topsecret@db/app").toString()).doesNotContain("topsecret");
    }

    @Test
    void aJdbcUrlsPasswordParameterNeverAppearsInToString() {
        String shown = DatabaseUrl.parse("jdbc:postgresql://db:5432/app?user=u&password=topsecret&sslmode=require")
                .toString();

        assertThat(shown).doesNotContain("topsecret").contains("db:5432/app", "user=u", "password=***", "sslmode=require");
    }

    @Test
    void redactionMasksEitherFormsPassword() {
        assertThat(DatabaseUrl.redacted("postgresql://u:topsecret@db/app")).isEqualTo("postgresql://u:***@db/app");
        assertThat(DatabaseUrl.redacted("jdbc:postgresql://db/app?PASSWORD=topsecret")).isEqualTo("jdbc:postgresql://db/app?PASSWORD=***");
    }

    @Test
    void aUrlThatWouldPutFailingRowsIntoErrorMessagesIsRefused() {
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://db/app?logServerErrorDetail=true&password=topsecret"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL must not set logServerErrorDetail")
                .message().doesNotContain("topsecret");
    }

    @Test
    void sslmodeAndSslrootcertPassThroughInBothForms() {
        assertThat(DatabaseUrl.parse("postgresql://u:p@db:5432/app?sslmode=verify-full&sslrootcert=/etc/contactdesk/ca.crt")
                .jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app?sslmode=verify-full&sslrootcert=/etc/contactdesk/ca.crt");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db:5432/app?sslmode=verify-full&sslrootcert=/etc/ca.crt").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/app?sslmode=verify-full&sslrootcert=/etc/ca.crt");
    }

    @Test
    void anUnknownSslmodeIsNamed() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@db/app?sslmode=verify_full"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL has sslmode=verify_full");
    }
}
