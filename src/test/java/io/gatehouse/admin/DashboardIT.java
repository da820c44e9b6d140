package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.Pem;
import io.gatehouse.testing.TestCa;
import io.gatehouse.testing.ApiClient;
import io.gatehouse.testing.ApiClient.Answer;
import io.gatehouse.testing.TestNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The dashboard in a real browser against a real node: sign-in, vaults, credentials, routes and certificates. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DashboardIT {
    private static final TestCa PARTNER_CA = TestCa.create("Partner Test CA");

    private TestNode node;
    private String base;
    private DashboardBrowser browser;
    private ApiClient api;
    private int visits;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        node = TestNode.start(dataDir);
        base = node.adminUrl().toString();
        api = node.api();
        browser = new DashboardBrowser();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void signIn_withWrongToken_showsTheRefusalInTheForm() {
        visit(null);

        browser.type("Admin token", "not-the-admin-token");
        browser.click("Sign in");

        assertThat(browser.textOf("sign-in-error")).contains("not the admin token");
        assertThat(browser.driver().findElement(By.id("sign-in-error")).getDomAttribute("role")).isEqualTo("alert");
        assertThat(browser.driver().findElement(By.id("workspace")).isDisplayed()).isFalse();
    }

    @Test
    void signIn_withAdminToken_setsAStrictHttpOnlySessionCookie() {
        signIn(null);

        Cookie cookie = browser.driver().manage().getCookieNamed("gatehouse_session");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/");
        Object visibleToScripts = ((JavascriptExecutor) browser.driver()).executeScript("return document.cookie");
        assertThat(String.valueOf(visibleToScripts)).doesNotContain("gatehouse_session");
    }

    @Test
    void signOut_returnsToTheSignInForm() {
        signIn(null);

        browser.click("Sign out");
        browser.field("Admin token");
        browser.driver().navigate().refresh();

        assertThat(browser.field("Admin token").isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.id("workspace")).isDisplayed()).isFalse();
    }

    @Test
    void createVault_fromTheDialog_isSelectedInThePicker() {
        signIn(null);

        browser.click("Create vault");
        browser.type("Name", "Payments EU " + visits);
        browser.click("Create vault");
        browser.awaitNoOpenDialog();

        Select picker = new Select(browser.field("Vault"));
        browser.await(d -> picker.getFirstSelectedOption().getText().startsWith("Payments EU " + visits));
        assertThat(browser.textOf("workspace-title")).contains("Vault Settings").contains("Payments EU " + visits);
        assertThat(list("/api/v1/vaults")).contains("Payments EU " + visits);
    }

    @Test
    void createCredential_showsThePasswordOnce_andNotAfterReload() {
        String vault = vault();
        signIn(vault);
        browser.click("Access credentials");

        browser.click("Create access credential");
        browser.type("Description", "orders service");
        browser.click("Create");
        String password = browser.await(d -> {
            String value = browser.field("Password").getDomProperty("value");
            return value == null || value.isEmpty() ? null : value;
        });

        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(browser.openDialog().getText()).contains("will not be shown again");
        assertThat(browser.button("Copy").isDisplayed()).isTrue();
        String username = browser.field("Username").getDomProperty("value");
        browser.click("Done");
        browser.awaitNoOpenDialog();
        browser.awaitText(By.cssSelector("#credentials-table tbody tr"), username);
        assertThat(browser.driver().getPageSource()).doesNotContain(password);
        browser.driver().navigate().refresh();
        browser.click("Access credentials");
        browser.awaitText(By.cssSelector("#credentials-table tbody tr"), username);
        assertThat(browser.driver().getPageSource()).doesNotContain(password);
    }

    @Test
    void createRoute_thenEditIt_updatesTheRoutesTable() {
        String vault = vault();
        signIn(vault);
        browser.click("Routes");

        browser.click("Create route");
        browser.type("Path prefix", "/payments");
        browser.type("Upstream", "https://api.example.com:8443");
        browser.type("Description", "card callbacks");
        browser.click("Save");
        browser.awaitNoOpenDialog();
        browser.awaitText(By.cssSelector("#routes-table tbody tr"), "https://api.example.com:8443");

        browser.click("Edit route /payments");
        assertThat(browser.field("Upstream").getDomProperty("value")).isEqualTo("https://api.example.com:8443");
        browser.type("Upstream", "https://api2.example.com");
        browser.click("Save");
        browser.awaitNoOpenDialog();

        WebElement row = browser.awaitText(By.cssSelector("#routes-table tbody tr"), "https://api2.example.com");
        assertThat(row.getText()).contains("/payments").contains("card callbacks");
        assertThat(list("/api/v1/vaults/" + vault + "/routes")).contains("https://api2.example.com");
    }

    @Test
    void createRoute_withAnUpstreamPath_showsTheApiErrorAndKeepsTheForm() {
        signIn(vault());
        browser.click("Routes");

        browser.click("Create route");
        browser.type("Path prefix", "/refunds");
        browser.type("Upstream", "https://api.example.com/v1");
        browser.click("Save");

        assertThat(browser.textOf("route-form-error")).contains("path");
        assertThat(browser.driver().findElement(By.id("route-form-error")).getDomAttribute("role")).isEqualTo("alert");
        assertThat(browser.field("Upstream").getDomProperty("value")).isEqualTo("https://api.example.com/v1");
        assertThat(browser.openDialog().getDomAttribute("id")).isEqualTo("route-dialog");
    }

    @Test
    void uploadCertificate_fromAFileAndAPastedKey_appearsInTheTable(@TempDir Path temp) throws Exception {
        String vault = vault();
        JsonNode credential = credential(vault, "visa");
        IssuedCertificate client = PARTNER_CA.leaf("visa-client").keyKind(KeyKind.EC_P256).issue();
        Path certificateFile = Files.writeString(temp.resolve("visa-client.pem"), client.certificatePem());
        signIn(vault);

        browser.click("Add Certificate");
        browser.field("Certificate file").sendKeys(certificateFile.toString());
        browser.await(d -> browser.field("Certificate").getDomProperty("value").contains("BEGIN CERTIFICATE"));
        browser.paste("Private key", client.privateKeyPem());
        new Select(browser.field("Proxy type")).selectByVisibleText("Outbound");
        new Select(browser.field("Access credential")).selectByValue(credential.get("id").asText());
        browser.type("Description", "Visa client");
        browser.click("Save");
        browser.awaitNoOpenDialog();

        WebElement row = browser.awaitText(By.cssSelector("#certificates-table tbody tr"), "Visa client");
        assertThat(row.getText()).contains("Outbound").contains(credential.get("username").asText()).contains("Yes");
        assertThat(list("/api/v1/vaults/" + vault + "/certificates"))
                .contains(client.sha256Fingerprint());
    }

    @Test
    void uploadCertificate_withMismatchedKey_showsTheErrorNextToPrivateKeyAndKeepsTheForm() {
        String vault = vault();
        credential(vault, "mastercard");
        IssuedCertificate client = PARTNER_CA.leaf("mc-client").keyKind(KeyKind.EC_P256).issue();
        IssuedCertificate other = PARTNER_CA.leaf("other").keyKind(KeyKind.EC_P256).issue();
        signIn(vault);

        browser.click("Add Certificate");
        browser.paste("Certificate", client.certificatePem());
        browser.paste("Private key", other.privateKeyPem());
        browser.type("Passphrase", "unused");
        browser.type("Description", "Mastercard client");
        browser.click("Save");

        String error = browser.textOf("private-key-pem-error");
        WebElement key = browser.field("Private key");
        WebElement field = key.findElement(By.xpath("./ancestor::div[contains(@class,'field')][1]"));
        assertThat(error).isNotBlank();
        assertThat(field.findElement(By.id("private-key-pem-error")).getDomAttribute("role")).isEqualTo("alert");
        assertThat(key.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver().findElement(By.id("certificate-pem-error")).getText()).isEmpty();
        assertThat(browser.openDialog().getDomAttribute("id")).isEqualTo("certificate-dialog");
        assertThat(browser.field("Certificate").getDomProperty("value")).isEqualTo(client.certificatePem());
        assertThat(key.getDomProperty("value")).isEqualTo(other.privateKeyPem());
        assertThat(browser.field("Passphrase").getDomProperty("value")).isEqualTo("unused");
        assertThat(browser.field("Description").getDomProperty("value")).isEqualTo("Mastercard client");
    }

    @Test
    void uploadCertificate_asPkcs12BundleForARoute_showsAWrongPassphraseThenSucceeds(@TempDir Path temp)
            throws Exception {
        String vault = vault();
        Answer route = api.post("/api/v1/vaults/" + vault + "/routes",
                Map.of("pathPrefix", "/callbacks", "upstream", "https://api.example.com"));
        IssuedCertificate client = PARTNER_CA.leaf("callback-client").keyKind(KeyKind.RSA_2048).issue();
        Path bundle = Files.write(temp.resolve("callback.p12"), Pem.pkcs12(client, "bundle-pass".toCharArray()));
        signIn(vault);

        browser.click("Add Certificate");
        browser.field("Or a PKCS#12 bundle (.p12, .pfx) instead of the two PEM fields").sendKeys(bundle.toString());
        assertThat(browser.textOf("pkcs12-status")).contains("callback.p12");
        new Select(browser.field("Proxy type")).selectByVisibleText("Inbound");
        new Select(browser.field("Route")).selectByValue(created(route).get("id").asText());
        browser.type("Passphrase", "not-the-pass");
        browser.click("Save");

        assertThat(browser.textOf("certificate-passphrase-error")).isNotBlank();
        assertThat(browser.field("Passphrase").getDomAttribute("aria-invalid")).isEqualTo("true");
        browser.type("Passphrase", "bundle-pass");
        browser.click("Save");
        browser.awaitNoOpenDialog();

        WebElement row = browser.awaitText(By.cssSelector("#certificates-table tbody tr"), "callback-client");
        assertThat(row.getText()).contains("Inbound").contains("/callbacks");
    }

    @Test
    void dashboard_runsWithoutContentSecurityPolicyViolationsOrScriptErrors() {
        String vault = vault();
        credential(vault, "console");
        browser.consoleMessages();
        signIn(vault);

        browser.click("Add Certificate");
        browser.click("Cancel");
        browser.click("Access credentials");
        browser.click("Routes");
        browser.click("Create route");
        browser.click("Cancel");

        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy")
                || message.contains("Uncaught") || message.contains("TypeError"));
    }

    @Test
    void everyFormControl_hasAVisibleLabel_andEveryButtonAName() {
        String vault = vault();
        JsonNode credential = credential(vault, "labels");
        upload(vault, credential, PARTNER_CA.leaf("labels-client").keyKind(KeyKind.EC_P256).issue(), "Labels");
        signIn(vault);
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();

        Object unlabelled = js.executeScript("return Array.from(document.querySelectorAll('input, select, textarea'))"
                + ".filter(e => !document.querySelector('label[for=\"' + e.id + '\"]')).map(e => e.outerHTML)");
        Object unnamed = js.executeScript("return Array.from(document.querySelectorAll('button'))"
                + ".filter(b => !((b.getAttribute('aria-label') || b.textContent).trim())).map(b => b.outerHTML)");
        Object iconButtons = js.executeScript("return Array.from(document.querySelectorAll('button.icon'))"
                + ".map(b => b.getAttribute('aria-label'))");

        assertThat((List<?>) unlabelled).isEmpty();
        assertThat((List<?>) unnamed).isEmpty();
        assertThat(String.valueOf(iconButtons)).contains("Remove certificate Labels");
        assertThat(browser.driver().findElements(By.cssSelector("dialog"))).hasSize(6);
    }

    @Test
    void preview_openedWithEnterOnARow_showsTheSignerAndDetails() {
        String vault = vault();
        JsonNode credential = credential(vault, "amex");
        IssuedCertificate client = PARTNER_CA.leaf("amex-client").keyKind(KeyKind.EC_P256)
                .dnsName("amex-client.example").issue();
        upload(vault, credential, client, "Amex client");
        signIn(vault);

        WebElement row = browser.awaitText(By.cssSelector("#certificates-table tbody tr"), "Amex client");
        row.sendKeys(Keys.ENTER);

        String preview = browser.openDialog().getText();
        assertThat(preview).contains("Signer").contains("CN=Partner Test CA")
                .contains("amex-client.example").contains(client.sha256Fingerprint())
                .contains("SHA-256 fingerprint").contains("Chain length").contains("EC, 256 bits");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.awaitNoOpenDialog();
    }

    @Test
    void removeCertificate_throughTheConfirmationDialog_deletesIt() {
        String vault = vault();
        JsonNode credential = credential(vault, "discover");
        upload(vault, credential, PARTNER_CA.leaf("discover-client").keyKind(KeyKind.EC_P256).issue(),
                "Discover client");
        signIn(vault);
        browser.awaitText(By.cssSelector("#certificates-table tbody tr"), "Discover client");

        browser.click("Remove certificate Discover client");
        assertThat(browser.openDialog().getText()).contains("Discover client");
        browser.click("Cancel");
        browser.awaitNoOpenDialog();
        assertThat(browser.rows("certificates-table").get(0).getText()).contains("Discover client");
        browser.click("Remove certificate Discover client");
        browser.click("Remove Certificate");
        browser.awaitNoOpenDialog();

        browser.awaitText(By.cssSelector("#certificates-table tbody tr"), "No certificates");
        assertThat(api.get("/api/v1/vaults/" + vault + "/certificates").json().get("items")).isEmpty();
    }

    @Test
    void deleteCredential_withACertificateAttached_showsTheConflictInTheDialog() {
        String vault = vault();
        JsonNode credential = credential(vault, "jcb");
        upload(vault, credential, PARTNER_CA.leaf("jcb-client").keyKind(KeyKind.EC_P256).issue(), "JCB client");
        signIn(vault);
        browser.click("Access credentials");

        browser.click("Delete access credential " + credential.get("username").asText());
        browser.click("Delete Access Credential");

        assertThat(browser.textOf("confirm-error")).isNotBlank();
        assertThat(browser.openDialog().getDomAttribute("id")).isEqualTo("confirm-dialog");
        assertThat(list("/api/v1/vaults/" + vault + "/credentials"))
                .contains(credential.get("id").asText());
    }

    @Test
    void apiWrite_withSessionCookieButNoCsrfHeader_isRejectedWith403() {
        ApiClient browserLike = api.withToken(null);
        Answer signedIn = browserLike.post("/ui/session", Map.of("token", TestNode.ADMIN_TOKEN));
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrf = signedIn.json().get("csrfToken").asText();
        String body = ApiClient.mapper().createObjectNode().put("name", "csrf probe").toString();

        Answer forged = browserLike.send(browserLike.builder("/api/v1/vaults").header("Cookie", cookie)
                .POST(BodyPublishers.ofString(body)));
        Answer genuine = browserLike.send(browserLike.builder("/api/v1/vaults").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).POST(BodyPublishers.ofString(body)));
        Answer bearer = api.post("/api/v1/vaults", Map.of("name", "bearer probe"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.errorCode()).isEqualTo("CSRF_REJECTED");
        assertThat(genuine.status()).isEqualTo(201);
        assertThat(bearer.status()).isEqualTo(201);
    }

    @Test
    void dashboardPage_carriesAStrictContentSecurityPolicy() {
        Answer page = api.withToken(null).get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }

    private String vault() {
        return created(api.post("/api/v1/vaults", Map.of("name", "Vault " + (++visits)))).get("id").asText();
    }

    private JsonNode credential(String vault, String description) {
        return created(api.post("/api/v1/vaults/" + vault + "/credentials", Map.of("description", description)));
    }

    private String list(String path) {
        Answer answer = api.get(path);
        assertThat(answer.status()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static JsonNode created(Answer answer) {
        assertThat(answer.status()).as("creation: %s", answer.body()).isEqualTo(201);
        return answer.json();
    }

    private void upload(String vault, JsonNode credential, IssuedCertificate client, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("proxyType", "OUTBOUND");
        body.put("credentialId", credential.get("id").asText());
        body.put("certificate", client.chainPem());
        body.put("privateKey", client.privateKeyPem());
        body.put("description", description);
        created(api.post("/api/v1/vaults/" + vault + "/certificates", body));
    }

    /** A fresh page load without a session, on the given vault. */
    private void visit(String vault) {
        browser.open(base + "/");
        browser.driver().manage().deleteAllCookies();
        browser.open(base + "/?visit=" + (++visits) + (vault == null ? "" : "#" + vault));
    }

    private void signIn(String vault) {
        visit(vault);
        browser.type("Admin token", TestNode.ADMIN_TOKEN);
        browser.click("Sign in");
        browser.await(d -> d.findElement(By.id("vault-bar")).isDisplayed());
        browser.awaitVaultLoaded();
    }
}
