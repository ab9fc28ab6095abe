package io.contactdesk.ops.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every page and API needs a valid session cookie; without one the browser is sent to {@code /login}. Open: the
 * login page itself, its stylesheet, and the health and Prometheus endpoints (probes and scrapers have no login).
 */
public class SessionFilter extends OncePerRequestFilter {

    public static final String COOKIE = "ops_session";
    private static final Set<String> OPEN = Set.of("/login", "/app.css", "/favicon.ico", "/actuator/prometheus");

    private final CookieSigner signer;

    public SessionFilter(CookieSigner signer) {
        this.signer = signer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        securityHeaders(response);
        if (OPEN.contains(path) || path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || signer.verify(cookie(request)).isPresent()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(request.getContextPath() + "/login");
    }

    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
