package io.contactdesk.contracts.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code DATABASE_URL} in either form operators paste: a JDBC URL
 * ({@code jdbc:postgresql://host:5432/db?user=u&password=p}) or a libpq/Heroku-style URL
 * ({@code postgresql://u:p@host:5432/db}).
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    public static final String VARIABLE = "DATABASE_URL";
    private static final List<String> SSL_MODES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    @Override
    public String toString() {
        // Never print the password, even by accident: the JDBC form may carry it as a query parameter.
        return "DatabaseUrl[" + redacted(jdbcUrl) + ", user=" + username + "]";
    }

    /** {@code url} with any {@code password=…} parameter's value and any {@code user:password@} password masked. */
    public static String redacted(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?i)([?&;]password=)[^&;#]*", "$1***")
                .replaceAll("(//[^/:@?#]*:)[^@/?#]*@", "$1***@");
    }

    public static DatabaseUrl parse(String value) {
        String url = Settings.required(VARIABLE, value, "a PostgreSQL URL (jdbc:postgresql://… or postgresql://user:pass@host/db)");
        if (url.toLowerCase(Locale.ROOT).contains("logservererrordetail")) {
            // pgjdbc would then put the failing row (user names, sealed contacts) into exception messages, and so
            // into logs and alerts; URL parameters win over the pool's logServerErrorDetail=false.
            throw new InvalidSettingException(VARIABLE, "must not set logServerErrorDetail: row values would reach the logs");
        }
        checkSslmode(url);
        if (url.startsWith("jdbc:postgresql://")) {
            return new DatabaseUrl(url, null, null);
        }
        if (!(url.startsWith("postgresql://") || url.startsWith("postgres://"))) {
            throw new InvalidSettingException(VARIABLE, "must start with jdbc:postgresql:// or postgresql://");
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                throw new InvalidSettingException(VARIABLE, "has no host");
            }
            String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "" : uri.getPath().substring(1);
            if (database.isEmpty()) {
                throw new InvalidSettingException(VARIABLE, "has no database name (…/dbname)");
            }
            int port = uri.getPort() == -1 ? 5432 : uri.getPort();
            String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            return new DatabaseUrl(jdbc, user, password);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(VARIABLE, "is not a valid URL: " + e.getReason());
        }
    }

    /**
     * TLS is asked for in the URL, as libpq has it: {@code sslmode} (verify-full in production: encrypted, and the
     * server's name checked against its certificate) and {@code sslrootcert} (the CA, a PEM file), passed to pgjdbc
     * as they are. A misspelt mode would otherwise fail only at the first connection, with pgjdbc's words.
     */
    private static void checkSslmode(String url) {
        Matcher mode = Pattern.compile("[?&]sslmode=([^&#]*)").matcher(url);
        if (mode.find() && !SSL_MODES.contains(mode.group(1))) {
            throw new InvalidSettingException(VARIABLE, "has sslmode=" + mode.group(1) + ": it must be one of "
                    + String.join(", ", SSL_MODES));
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
