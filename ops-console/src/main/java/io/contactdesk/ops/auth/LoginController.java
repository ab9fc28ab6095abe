package io.contactdesk.ops.auth;

import io.contactdesk.contracts.html.Html;
import io.contactdesk.ops.OpsConsoleSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One shared operators' password; a successful login sets a signed, HttpOnly, SameSite=Strict cookie, Secure whenever
 * the console is reached over TLS (directly, or through a trusted proxy that says so). Failed logins slow down the
 * address they come from ({@link LoginThrottle}), not everyone.
 */
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
        // Five free tries, then 1 s, 2 s, 4 s … up to 15 min between guesses from one address.
        this.throttle = new LoginThrottle(5, Duration.ofSeconds(1), Duration.ofMinutes(15), clock);
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> form(@RequestParam(value = "error", required = false) String error) {
        return page(HttpStatus.OK).body(html(error != null ? "Wrong password." : null));
    }

    @PostMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> login(@RequestParam(value = "password", required = false) String password,
            HttpServletRequest request) {
        ClientAddress client = ClientAddress.of(request, settings.trustedProxies());
        Optional<Duration> wait = throttle.begin(client.address());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            String message = "Too many failed logins from your address; try again in " + seconds + " s.";
            return page(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .body(html(message));
        }
        if (!Passwords.matches(settings.password(), password)) {
            return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/login?error").build();
        }
        throttle.succeeded(client.address());
        ResponseCookie cookie = ResponseCookie.from(SessionFilter.COOKIE,
                        signer.sign(USER, clock.instant().plus(settings.sessionTtl())))
                .httpOnly(true).sameSite("Strict").path("/").secure(client.secure())
                .maxAge(settings.sessionTtl()).build();
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.SET_COOKIE, cookie.toString())
                .header(HttpHeaders.LOCATION, "/").build();
    }

    @PostMapping("/logout")
    public ResponseEntity<Void> logout(HttpServletRequest request) {
        ResponseCookie cleared = ResponseCookie.from(SessionFilter.COOKIE, "").httpOnly(true).sameSite("Strict")
                .path("/").secure(ClientAddress.of(request, settings.trustedProxies()).secure()).maxAge(0).build();
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.SET_COOKIE, cleared.toString())
                .header(HttpHeaders.LOCATION, "/login").build();
    }

    private static ResponseEntity.BodyBuilder page(HttpStatus status) {
        return ResponseEntity.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store").contentType(MediaType.TEXT_HTML);
    }

    private static String html(String message) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>contactdesk ops: login</title>
                <link rel="stylesheet" href="/app.css"></head>
                <body class="login"><form method="post" action="/login">
                <h1>contactdesk ops</h1>
                %s<label>Password <input type="password" name="password" autofocus required></label>
                <button type="submit">Log in</button></form></body></html>
                """.formatted(message == null ? "" : "<p class=\"error\">" + Html.escape(message) + "</p>");
    }
}
