package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.ApiClient;
import io.gatehouse.testing.ApiClient.Answer;
import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.TestCa;
import io.gatehouse.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Walks through the dashboard's main screens with realistic data and saves a 1280x800 screenshot of each, into
 * {@code target/screenshots}, or into the directory given as {@code -Dgatehouse.screenshots=docs/screenshots} to
 * refresh the documentation's pictures.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DashboardScreenshotsIT {
    private static final Path OUTPUT = Path.of(System.getProperty("gatehouse.screenshots", "target/screenshots"));

    @Test
    void mainScreens_areCapturedAt1280x800(@TempDir Path dataDir) {
        try (TestNode node = TestNode.start(dataDir); DashboardBrowser browser = new DashboardBrowser()) {
            String vault = scene(node.api());
            browser.open(node.adminUrl() + "/#" + vault);
            browser.field("Admin token");
            shoot(browser, "sign-in");

            browser.type("Admin token", TestNode.ADMIN_TOKEN);
            browser.click("Sign in");
            browser.awaitText(By.cssSelector("#certificates-table tbody tr"), "Partner callback client");
            shoot(browser, "certificates");

            browser.awaitText(By.cssSelector("#certificates-table tbody tr"), "Visa client 2026").click();
            browser.openDialog();
            shoot(browser, "certificate-preview");
            browser.click("Close");

            addCertificateWithWrongKey(browser);
            shoot(browser, "add-certificate-error");
            browser.click("Cancel");

            browser.click("Access credentials");
            browser.click("Create access credential");
            browser.type("Description", "refunds service");
            browser.click("Create");
            browser.await(d -> !browser.field("Password").getDomProperty("value").isEmpty());
            shoot(browser, "credential-password");
            browser.click("Done");

            browser.click("Routes");
            browser.awaitText(By.cssSelector("#routes-table tbody tr"), "/callbacks");
            shoot(browser, "routes");
        }
    }

    private static void addCertificateWithWrongKey(DashboardBrowser browser) {
        TestCa ca = TestCa.create("Mastercard Test CA");
        browser.click("Add Certificate");
        browser.paste("Certificate", ca.leaf("mastercard-client-2027").keyKind(KeyKind.EC_P256).issue()
                .certificatePem());
        browser.paste("Private key", ca.leaf("other").keyKind(KeyKind.EC_P256).issue().privateKeyPem());
        browser.type("Description", "Mastercard client 2027");
        browser.click("Save");
        browser.textOf("private-key-pem-error");
    }

    private static void shoot(DashboardBrowser browser, String name) {
        Path file = browser.screenshot(OUTPUT, name);
        assertThat(file).exists();
        assertThat(file.toFile().length()).isGreaterThan(5_000);
        assertThat(Files.isRegularFile(file)).isTrue();
    }

    /** A vault as a payments team would have it: two credentials, a route and four certificates. */
    private static String scene(ApiClient api) {
        String vault = created(api.post("/api/v1/vaults", Map.of("name", "Payments EU"))).get("id").asText();
        String base = "/api/v1/vaults/" + vault;
        JsonNode visa = created(api.post(base + "/credentials", Map.of("description", "visa gateway")));
        JsonNode mastercard = created(api.post(base + "/credentials", Map.of("description", "mastercard gateway")));
        JsonNode route = created(api.post(base + "/routes", Map.of("pathPrefix", "/callbacks",
                "upstream", "https://api.internal.example:8443", "description", "partner callbacks")));
        TestCa visaCa = TestCa.create("Visa Test Root CA").intermediate("Visa Test Issuing CA 2");
        TestCa mastercardCa = TestCa.create("Mastercard Test CA");
        Instant now = Instant.now();
        upload(api, base, "OUTBOUND", visa, "Visa client 2026",
                visaCa.leaf("visa-client.payments.example").dnsName("visa-client.payments.example").issue());
        upload(api, base, "OUTBOUND", visa, "Visa client 2027", visaCa.leaf("visa-client.payments.example")
                .validity(now.plus(Duration.ofDays(5)), now.plus(Duration.ofDays(400))).issue());
        upload(api, base, "OUTBOUND", mastercard, "Mastercard client", mastercardCa.leaf("mc-client")
                .keyKind(KeyKind.EC_P256).validity(now.minus(Duration.ofDays(350)), now.plus(Duration.ofDays(12)))
                .issue());
        upload(api, base, "INBOUND", route, "Partner callback client",
                TestCa.create("Internal CA").leaf("gatehouse-inbound").keyKind(KeyKind.EC_P384).issue());
        return vault;
    }

    private static void upload(ApiClient api, String base, String proxyType, JsonNode target, String description,
                               IssuedCertificate certificate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("proxyType", proxyType);
        body.put(proxyType.equals("OUTBOUND") ? "credentialId" : "routeId", target.get("id").asText());
        body.put("certificate", certificate.chainPem());
        body.put("privateKey", certificate.privateKeyPem());
        body.put("description", description);
        created(api.post(base + "/certificates", body));
    }

    private static JsonNode created(Answer answer) {
        assertThat(answer.status()).as("creation: %s", answer.body()).isEqualTo(201);
        return answer.json();
    }
}
