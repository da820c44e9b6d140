package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.ApiClient;
import io.gatehouse.testing.ApiClient.Answer;
import io.gatehouse.testing.TestNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** Repeated wrong admin tokens at the dashboard's sign-in are refused for a while, even a right one after them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DashboardThrottleIT {

    @Test
    void signIn_afterTooManyWrongTokens_isRefusedWith429AndSaysSoInTheForm(@TempDir Path dataDir) {
        try (TestNode node = TestNode.start(dataDir); DashboardBrowser browser = new DashboardBrowser()) {
            ApiClient anonymous = node.api().withToken(null);
            for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
                Answer wrong = anonymous.post("/ui/session", Map.of("token", "guess-" + i));
                assertThat(wrong.status()).isEqualTo(401);
                assertThat(wrong.errorCode()).isEqualTo("INVALID_TOKEN");
            }

            Answer throttled = anonymous.post("/ui/session", Map.of("token", TestNode.ADMIN_TOKEN));
            browser.open(node.adminUrl() + "/");
            browser.type("Admin token", TestNode.ADMIN_TOKEN);
            browser.click("Sign in");

            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.errorCode()).isEqualTo("TOO_MANY_ATTEMPTS");
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
            assertThat(throttled.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(browser.textOf("sign-in-error")).contains("Too many wrong admin tokens");
            assertThat(browser.driver().findElement(By.id("workspace")).isDisplayed()).isFalse();
            assertThat(node.api().get("/api/v1/vaults").status()).isEqualTo(200);
        }
    }
}
