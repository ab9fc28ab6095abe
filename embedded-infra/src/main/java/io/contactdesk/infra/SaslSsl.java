package io.contactdesk.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A broker's SASL_SSL client listener: its key and certificate (a PKCS12 keystore) and the SCRAM-SHA-512 users it
 * knows, written into the storage when it is formatted (so a kept data directory keeps the users it was formatted
 * with).
 *
 * @param users user name to password
 */
public record SaslSsl(Path keystore, String keystorePassword, Map<String, String> users) {

    public static final String MECHANISM = "SCRAM-SHA-512";

    public SaslSsl {
        users = Map.copyOf(users);
        users.forEach((user, password) -> {
            if (!user.matches("[A-Za-z0-9._-]+") || password.contains("\"")) {
                throw new IllegalArgumentException("SCRAM user names are letters, digits, '.', '_' and '-', and "
                        + "passwords hold no quote: " + user);
            }
        });
    }

    /** In the form of {@code kafka-storage format --add-scram}. */
    List<String> scramArguments() {
        return users.entrySet().stream()
                .map(user -> MECHANISM + "=[name=" + user.getKey() + ",password=\"" + user.getValue() + "\"]")
                .toList();
    }

    @Override
    public String toString() {
        return "SaslSsl[" + keystore + ", users=" + users.keySet() + "]";
    }
}
