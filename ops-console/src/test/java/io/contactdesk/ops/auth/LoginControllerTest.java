package io.contactdesk.ops.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.ops.OpsConsoleSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class LoginControllerTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String PROXY = "10.0.0.2";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T23:00:00Z"), ZoneOffset.UTC);

    private final LoginController controller = new LoginController(
            new OpsConsoleSettings(PASSWORD, SECRET, null, null, null, null, null, 1000, null, Set.of(PROXY)),
            new CookieSigner(SECRET, CLOCK), CLOCK);

    @Test
    void oneAddressGuessingPasswordsDoesNotLockOutAnOperatorElsewhere() {
        // given an attacker who has guessed wrong 50 times
        for (int i = 0; i < 50; i++) {
            controller.login("guess" + i, FakeRequest.from("203.0.113.9"));
        }

        // when an operator at another address logs in
        ResponseEntity<String> operator = controller.login(PASSWORD, FakeRequest.from("198.51.100.7"));

        // then the operator is in, and the attacker is told to wait
        assertThat(operator.getHeaders().getFirst(HttpHeaders.SET_COOKIE)).startsWith(SessionFilter.COOKIE + "=");
        ResponseEntity<String> attacker = controller.login(PASSWORD, FakeRequest.from("203.0.113.9"));
        assertThat(attacker.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(attacker.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    }

    @Test
    void behindTheProxyEachClientIsThrottledUnderItsOwnAddress() {
        for (int i = 0; i < 50; i++) {
            controller.login("guess" + i, FakeRequest.from(PROXY, false, Map.of("X-Forwarded-For", "203.0.113.9")));
        }

        ResponseEntity<String> operator = controller.login(PASSWORD,
                FakeRequest.from(PROXY, false, Map.of("X-Forwarded-For", "198.51.100.7")));

        assertThat(operator.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(operator.getHeaders().getFirst(HttpHeaders.SET_COOKIE)).isNotNull();
    }

    @Test
    void aClientCannotChooseItsAddressWithAForgedHeader() {
        // an attacker not behind our proxy rotates X-Forwarded-For: it is ignored, so the guesses still add up
        for (int i = 0; i < 50; i++) {
            controller.login("guess" + i, FakeRequest.from("203.0.113.9", false, Map.of("X-Forwarded-For", "192.0.2." + i)));
        }

        assertThat(controller.login(PASSWORD, FakeRequest.from("203.0.113.9")).getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void parallelGuessesCannotAllSlipPastTheCheckBeforeOneIsCounted() throws Exception {
        // given 40 wrong passwords from one address, all sent at the same moment
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                String guess = "guess" + i;
                answers.add(threads.submit(() -> {
                    go.await();
                    return controller.login(guess, FakeRequest.from("203.0.113.9"));
                }));
            }
            go.countDown();

            // then only the free tries were compared with the password; every other one was told to wait
            int compared = 0;
            for (Future<ResponseEntity<String>> answer : answers) {
                if (answer.get().getStatusCode() == HttpStatus.FOUND) {
                    compared++;
                }
            }
            assertThat(compared).isEqualTo(5);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theCookieIsSecureHttpOnlyAndStrictWhenTheTrustedProxySaysTls() {
        String cookie = controller.login(PASSWORD,
                FakeRequest.from(PROXY, false, Map.of("X-Forwarded-Proto", "https"))).getHeaders()
                .getFirst(HttpHeaders.SET_COOKIE);

        assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Strict");
    }

    @Test
    void theCookieIsSecureOverDirectTls() {
        assertThat(controller.login(PASSWORD, FakeRequest.from("198.51.100.7", true, Map.of())).getHeaders()
                .getFirst(HttpHeaders.SET_COOKIE)).contains("Secure");
    }

    @Test
    void anyoneElsesForwardedProtoIsIgnored() {
        String cookie = controller.login(PASSWORD,
                FakeRequest.from("198.51.100.7", false, Map.of("X-Forwarded-Proto", "https"))).getHeaders()
                .getFirst(HttpHeaders.SET_COOKIE);

        // plain HTTP to the console itself: a Secure cookie would never come back, so it is not marked
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict").doesNotContain("Secure");
    }
}
