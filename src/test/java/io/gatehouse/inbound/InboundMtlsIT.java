package io.gatehouse.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.store.Route;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.MtlsUpstream;
import io.gatehouse.testing.SeenRequest;
import io.gatehouse.testing.TestCa;
import io.gatehouse.upstream.UpstreamSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests through the inbound proxy to an upstream that requires a client certificate of the partner's CA: which
 * certificate each route presents, how the request arrives, and how rotation, scheduling, deletion and route changes
 * take effect from one request to the next. Each test makes a vault of its own.
 */
@Timeout(90)
class InboundMtlsIT {
    private static final TestCa PARTNER_CA = TestCa.create("Partner Client CA");

    @TempDir
    static Path dataDir;
    private static MtlsUpstream upstream;
    private static StoredConfig config;
    private static InboundServerFixture proxy;

    @BeforeAll
    static void start() throws Exception {
        Curl.requireInstalled();
        LeakWatch.reset();
        upstream = MtlsUpstream.builder().requireClientsOf(PARTNER_CA.certificate()).start();
        config = StoredConfig.open(dataDir.resolve("store"));
        proxy = InboundServerFixture.start(config, UpstreamSettings.defaults(), dataDir.resolve("proxy"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        proxy.close();
        config.close();
        upstream.close();
        assertThat(LeakWatch.leaksAfterCollection()).as("buffers leaked").isEmpty();
    }

    @Test
    void routeCertificate_reachesUpstream_withPathAndQueryUnchanged() throws Exception {
        String vault = config.createVault();
        Route route = config.createRoute(vault, "/pay", upstreamUrl(), upstream.serverCaPem());
        IssuedCertificate client = clientCertificate("payments-client");
        config.attach(vault, route.id(), client);

        Curl.Result result = curl(vault, "/pay/charges?amount=10&currency=EUR&note=a%20b");

        assertThat(result.status()).as(result.output() + result.error()).isEqualTo(200);
        assertThat(result.header("X-Client-Subject")).isEqualTo("CN=payments-client");
        assertThat(result.header("X-Client-Fingerprint")).isEqualTo(client.sha256Fingerprint());
        assertThat(result.header("X-Seen-Path")).isEqualTo("/pay/charges?amount=10&currency=EUR&note=a%20b");
        assertThat(result.header("X-Seen-Host")).isEqualTo("127.0.0.1:" + upstream.port());
    }

    @Test
    void forwardedHeaders_areSeenUpstream_andHopByHopAreNot() throws Exception {
        String vault = config.createVault();
        Route route = config.createRoute(vault, "/", upstreamUrl(), upstream.serverCaPem());
        config.attach(vault, route.id(), clientCertificate("forwarded-client"));
        String host = vault + ".localhost:" + proxy.httpPort();

        Curl.Result result = curl(vault, "/forwarded-check", "-H", "X-Forwarded-For: 203.0.113.9",
                "-H", "Connection: keep-alive, X-Hop", "-H", "X-Hop: secret-hop",
                "-H", "Proxy-Authorization: Basic eA==");

        assertThat(result.status()).isEqualTo(200);
        SeenRequest seen = lastSeen("/forwarded-check");
        assertThat(seen.headers().get("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(seen.headers().get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.headers().get("X-Forwarded-Host")).isEqualTo(host);
        assertThat(seen.headers().get("Forwarded")).isEqualTo("for=127.0.0.1;host=\"" + host + "\";proto=http");
        assertThat(seen.headers().contains("X-Hop")).isFalse();
        assertThat(seen.headers().contains("Proxy-Authorization")).isFalse();
    }

    @Test
    void httpsListener_forwardsWithProtoHttps() throws Exception {
        String vault = config.createVault();
        Route route = config.createRoute(vault, "/", upstreamUrl(), upstream.serverCaPem());
        IssuedCertificate client = clientCertificate("https-listener-client");
        config.attach(vault, route.id(), client);

        Curl.Result result = Curl.run("--cacert", dataDir.resolve("proxy/inbound-tls.crt").toString(),
                "-H", "Host: " + vault + ".localhost", "https://localhost:" + proxy.httpsPort() + "/over-https");

        assertThat(result.status()).as(result.error()).isEqualTo(200);
        assertThat(result.header("X-Client-Fingerprint")).isEqualTo(client.sha256Fingerprint());
        SeenRequest seen = lastSeen("/over-https");
        assertThat(seen.headers().get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(seen.headers().get("Forwarded")).endsWith(";proto=https");
    }

    @Test
    void anotherRoutesCertificate_neverReachesThisRoute() throws Exception {
        String vault = config.createVault();
        String otherVault = config.createVault();
        Route pay = config.createRoute(vault, "/pay", upstreamUrl(), upstream.serverCaPem());
        Route refunds = config.createRoute(vault, "/refunds", upstreamUrl(), upstream.serverCaPem());
        Route otherPay = config.createRoute(otherVault, "/pay", upstreamUrl(), upstream.serverCaPem());
        IssuedCertificate payCert = clientCertificate("pay-client");
        IssuedCertificate refundsCert = clientCertificate("refunds-client");
        IssuedCertificate otherCert = clientCertificate("other-vault-client");
        config.attach(vault, pay.id(), payCert);
        config.attach(vault, refunds.id(), refundsCert);
        config.attach(otherVault, otherPay.id(), otherCert);

        for (int round = 0; round < 3; round++) {
            assertThat(curl(vault, "/pay").header("X-Client-Fingerprint")).isEqualTo(payCert.sha256Fingerprint());
            assertThat(curl(vault, "/refunds").header("X-Client-Fingerprint"))
                    .isEqualTo(refundsCert.sha256Fingerprint());
            assertThat(curl(otherVault, "/pay").header("X-Client-Fingerprint"))
                    .isEqualTo(otherCert.sha256Fingerprint());
        }
    }

    @Test
    void upstreamCaGivenOnlyOnTheRoute_isTrusted_andWithoutItTheUpstreamIsNot() throws Exception {
        String vault = config.createVault();
        Route trusted = config.createRoute(vault, "/trusted", upstreamUrl(), upstream.serverCaPem());
        Route untrusted = config.createRoute(vault, "/untrusted", upstreamUrl(), null);
        config.attach(vault, trusted.id(), clientCertificate("trusting-client"));
        config.attach(vault, untrusted.id(), clientCertificate("distrusting-client"));

        Curl.Result ok = curl(vault, "/trusted");
        Curl.Result refused = curl(vault, "/untrusted");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.header("X-Gatehouse-Error")).isEqualTo("upstream_tls_failed");
    }

    @Test
    void newerCertificate_takesOverFromTheNextRequest() throws Exception {
        String vault = config.createVault();
        Route route = config.createRoute(vault, "/", upstreamUrl(), upstream.serverCaPem());
        IssuedCertificate old = clientCertificate("rotating-client-old");
        config.attach(vault, route.id(), old);
        assertThat(curl(vault, "/").header("X-Client-Fingerprint")).isEqualTo(old.sha256Fingerprint());

        IssuedCertificate renewed = PARTNER_CA.leaf("rotating-client-new").keyKind(KeyKind.EC_P256)
                .validity(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(90))).issue();
        config.attach(vault, route.id(), renewed);

        assertThat(curl(vault, "/").header("X-Client-Fingerprint")).isEqualTo(renewed.sha256Fingerprint());
    }

    @Test
    void scheduledCertificate_takesOverAtItsNotBefore() throws Exception {
        String vault = config.createVault();
        Route route = config.createRoute(vault, "/", upstreamUrl(), upstream.serverCaPem());
        IssuedCertificate current = clientCertificate("scheduled-client-current");
        config.attach(vault, route.id(), current);
        Instant takeover = Instant.now().plus(Duration.ofSeconds(4));
        IssuedCertificate scheduled = PARTNER_CA.leaf("scheduled-client-next").keyKind(KeyKind.EC_P256)
                .validity(takeover, takeover.plus(Duration.ofDays(365))).issue();
        config.attach(vault, route.id(), scheduled);

        assertThat(curl(vault, "/").header("X-Client-Fingerprint")).isEqualTo(current.sha256Fingerprint());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(curl(vault, "/").header("X-Client-Fingerprint")).isEqualTo(scheduled.sha256Fingerprint()));
        // X.509 keeps whole seconds, so the certificate's own notBefore is the instant that counts.
        assertThat(Instant.now()).isAfterOrEqualTo(scheduled.certificate().getNotBefore().toInstant());
    }

    @Test
    void deletedCertificate_isNotPresentedByTheNextRequest() throws Exception {
        String vault = config.createVault();
        Route route = config.createRoute(vault, "/", upstreamUrl(), upstream.serverCaPem());
        StoredCertificate only = config.attach(vault, route.id(), clientCertificate("deleted-client"));
        assertThat(curl(vault, "/").status()).isEqualTo(200);

        config.deleteCertificate(vault, only.id());
        Curl.Result afterDelete = curl(vault, "/");

        assertThat(afterDelete.status()).isEqualTo(502);
        assertThat(afterDelete.header("X-Gatehouse-Error")).isEqualTo("upstream_tls_failed");
    }

    @Test
    void deletingTheNewestCertificate_fallsBackToThePreviousOne() throws Exception {
        String vault = config.createVault();
        Route route = config.createRoute(vault, "/", upstreamUrl(), upstream.serverCaPem());
        IssuedCertificate previous = clientCertificate("fallback-client-previous");
        config.attach(vault, route.id(), previous);
        IssuedCertificate newestIssued = PARTNER_CA.leaf("fallback-client-newest").keyKind(KeyKind.EC_P256)
                .validity(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(9))).issue();
        StoredCertificate newest = config.attach(vault, route.id(), newestIssued);
        assertThat(curl(vault, "/").header("X-Client-Subject")).isEqualTo("CN=fallback-client-newest");

        config.deleteCertificate(vault, newest.id());

        assertThat(curl(vault, "/").header("X-Client-Fingerprint")).isEqualTo(previous.sha256Fingerprint());
    }

    @Test
    void routeChange_appliesToTheNextRequestWithoutRestart() throws Exception {
        String vault = config.createVault();
        Route route = config.createRoute(vault, "/pay", upstreamUrl(), upstream.serverCaPem());
        config.attach(vault, route.id(), clientCertificate("moving-client"));
        assertThat(curl(vault, "/pay").status()).isEqualTo(200);

        config.updateRoute(new Route(route.id(), vault, "/billing", route.upstream(), route.description(),
                route.upstreamCaPem(), route.createdAt()));

        assertThat(curl(vault, "/pay").header("X-Gatehouse-Error")).isEqualTo("no_route");
        assertThat(curl(vault, "/billing").status()).isEqualTo(200);
    }

    @Test
    void storedConfiguration_unknownVaultAndUnroutedPath_get404() throws Exception {
        String vault = config.createVault();
        config.createRoute(vault, "/pay", upstreamUrl(), upstream.serverCaPem());

        assertThat(curl("tnt00000000", "/pay").header("X-Gatehouse-Error")).isEqualTo("unknown_vault");
        assertThat(curl(vault, "/payments").header("X-Gatehouse-Error")).isEqualTo("no_route");
    }

    private static Curl.Result curl(String vault, String path, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(extra));
        args.add("http://" + vault + ".localhost:" + proxy.httpPort() + path);
        return Curl.run(args.toArray(String[]::new));
    }

    private static SeenRequest lastSeen(String path) {
        List<SeenRequest> seen = upstream.requests().stream().filter(r -> r.path().equals(path)).toList();
        assertThat(seen).isNotEmpty();
        return seen.get(seen.size() - 1);
    }

    private static IssuedCertificate clientCertificate(String name) {
        return PARTNER_CA.leaf(name).keyKind(KeyKind.EC_P256).issue();
    }

    private static String upstreamUrl() {
        return "https://127.0.0.1:" + upstream.port();
    }
}
