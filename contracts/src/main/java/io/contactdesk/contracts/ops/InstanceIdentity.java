package io.contactdesk.contracts.ops;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Who this process is, for heartbeats: a host name and an id that is stable for the life of the process. */
public final class InstanceIdentity {

    private static final String HOST = resolveHost();
    private static final String INSTANCE = instanceId(HOST, ProcessHandle.current().pid(), randomSuffix());

    private InstanceIdentity() {
    }

    /** {@code host-pid-random}: unique across restarts (a new pid or suffix) and hosts, constant within a process. */
    public static String instance() {
        return INSTANCE;
    }

    public static String host() {
        return HOST;
    }

    static String instanceId(String host, long pid, String suffix) {
        return host + "-" + pid + "-" + suffix;
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[3];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String resolveHost() {
        String env = System.getenv("HOSTNAME");
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isBlank()) {
                return name;
            }
        } catch (Exception e) {
            // fall back to the environment below
        }
        return env != null && !env.isBlank() ? env : "unknown-host";
    }
}
