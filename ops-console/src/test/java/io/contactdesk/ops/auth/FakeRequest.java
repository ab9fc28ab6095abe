package io.contactdesk.ops.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;

/** A request as the servlet container hands it over: the peer's address, TLS or not, and some headers. */
final class FakeRequest {

    private FakeRequest() {
    }

    static HttpServletRequest from(String peer, boolean tls, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(FakeRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "isSecure" -> tls;
                    case "getHeader" -> headers.entrySet().stream()
                            .filter(header -> header.getKey().equalsIgnoreCase((String) args[0]))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    case "toString" -> "FakeRequest[" + peer + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static HttpServletRequest from(String peer) {
        return from(peer, false, Map.of());
    }
}
