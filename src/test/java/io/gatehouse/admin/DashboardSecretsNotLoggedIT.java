package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.ApiClient;
import io.gatehouse.testing.ApiClient.Answer;
import io.gatehouse.testing.ChildNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with Gatehouse's DEBUG logging, used through the dashboard's session endpoints: wrong tokens until the
 * sign-in pauses, a right one, session and CSRF-checked calls, sign-out. Neither token, nor the session cookie, nor
 * the CSRF token appears in its log; the pause is reported once, with the address only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardSecretsNotLoggedIT {
    private static final String ADMIN_TOKEN = "dashboard-admin-token-never-logged-4Hs9";
    private static final String WRONG_TOKEN = "dashboard-wrong-token-never-logged-6Pq2";

    @Test
    void dashboardSessions_logNoTokenCookieOrCsrfToken(@TempDir Path dataDir) throws Exception {
        ChildNode node = ChildNode.start(dataDir, "logback-child-debug.xml", Map.of("GATEHOUSE_ADMIN_TOKEN",
                ADMIN_TOKEN));
        String cookie;
        String csrf;
        try (node) {
            ApiClient browserLike = new ApiClient(node.adminUrl(), null);
            Answer signedIn = browserLike.post("/ui/session", Map.of("token", ADMIN_TOKEN));
            cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            csrf = signedIn.json().path("csrfToken").asText();
            Answer created = browserLike.send(browserLike.builder("/api/v1/vaults").header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf).POST(BodyPublishers.ofString("{\"name\":\"logged\"}")));
            Answer forged = browserLike.send(browserLike.builder("/api/v1/vaults").header("Cookie", cookie)
                    .POST(BodyPublishers.ofString("{\"name\":\"forged\"}")));
            Answer signedOut = browserLike.send(browserLike.builder("/ui/session").header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf).DELETE());
            for (int i = 0; i <= LoginThrottle.MAX_FAILURES; i++) {
                browserLike.post("/ui/session", Map.of("token", WRONG_TOKEN));
            }

            assertThat(List.of(signedIn.status(), created.status(), forged.status(), signedOut.status()))
                    .containsExactly(201, 201, 403, 204);
        }
        String output = node.output();

        assertThat(output).contains("Dashboard sign-in from 127.0.0.1 paused");
        for (String secret : List.of(ADMIN_TOKEN, WRONG_TOKEN, cookie.substring(cookie.indexOf('=') + 1), csrf)) {
            assertThat(output).as("the log shows a secret").doesNotContain(secret);
        }
    }
}
