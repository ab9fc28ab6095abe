package io.contactdesk.ops.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Who is asking, and over what: the peer's address and whether the connection is TLS, unless the peer is one of the
 * configured proxies ({@code OPS_CONSOLE_TRUSTED_PROXIES}), whose {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} then say it. Anyone else's forwarding headers are ignored: believing them would let a
 * client pick the address it is throttled under, or make the console send its session cookie over plain HTTP.
 */
public record ClientAddress(String address, boolean secure) {

    public static ClientAddress of(HttpServletRequest request, Set<String> trustedProxies) {
        String peer = request.getRemoteAddr();
        if (!trustedProxies.contains(peer)) {
            return new ClientAddress(peer, request.isSecure());
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        boolean secure = request.isSecure() || (proto != null && proto.trim().equalsIgnoreCase("https"));
        return new ClientAddress(forwardedClient(request.getHeader("X-Forwarded-For"), peer, trustedProxies), secure);
    }

    /** The rightmost address that is not one of our proxies: the ones left of it were written by the client. */
    private static String forwardedClient(String forwardedFor, String peer, Set<String> trustedProxies) {
        if (forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
