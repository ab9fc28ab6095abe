package io.contactdesk.ops.auth;

import io.contactdesk.contracts.html.Html;
import io.contactdesk.ops.OpsConsoleSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One shared operators' password; a successful login sets a signed, HttpOnly, SameSite=Strict cookie. */
@RestController
public class LoginController {

    static final String USER = "ops";

    private final OpsConsoleSettings settings;
    private final CookieSigner signer;
    private final Clock clock;
    private final LoginThrottle throttle;

    public LoginController(OpsConsoleSettings settings, CookieSigner signer, Clock clock) {
        this.settings = settings;
        this.signer = signer;
        this.clock = clock;
        this.throttle = new LoginThrottle(10, Duration.ofMinutes(1), clock);
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> form(@RequestParam(value = "error", required = false) String error) {
        return page(HttpStatus.OK, error != null ? "Wrong password." : null);
    }

    @PostMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> login(@RequestParam(value = "password", required = false) String password,
            HttpServletRequest request) {
        if (!throttle.allowed()) {
            return page(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins; try again in a minute.");
        }
        if (!Passwords.matches(settings.password(), password)) {
            throttle.failed();
            return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/login?error").build();
        }
        ResponseCookie cookie = ResponseCookie.from(SessionFilter.COOKIE,
                        signer.sign(USER, clock.instant().plus(settings.sessionTtl())))
                .httpOnly(true).sameSite("Strict").path("/").secure(request.isSecure())
                .maxAge(settings.sessionTtl()).build();
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.SET_COOKIE, cookie.toString())
                .header(HttpHeaders.LOCATION, "/").build();
    }

    @PostMapping("/logout")
    public ResponseEntity<Void> logout() {
        ResponseCookie cleared = ResponseCookie.from(SessionFilter.COOKIE, "").httpOnly(true).sameSite("Strict")
                .path("/").maxAge(0).build();
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.SET_COOKIE, cleared.toString())
                .header(HttpHeaders.LOCATION, "/login").build();
    }

    private static ResponseEntity<String> page(HttpStatus status, String message) {
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>contactdesk ops: login</title>
                <link rel="stylesheet" href="/app.css"></head>
                <body class="login"><form method="post" action="/login">
                <h1>contactdesk ops</h1>
                %s<label>Password <input type="password" name="password" autofocus required></label>
                <button type="submit">Log in</button></form></body></html>
                """.formatted(message == null ? "" : "<p class=\"error\">" + Html.escape(message) + "</p>");
        return ResponseEntity.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.TEXT_HTML).body(html);
    }
}
