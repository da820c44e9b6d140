package io.gatehouse.inbound;

import static io.gatehouse.inbound.SnapshotFixtures.route;
import static io.gatehouse.inbound.SnapshotFixtures.snapshot;
import static io.gatehouse.inbound.SnapshotFixtures.vault;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ConfigSnapshot;
import io.gatehouse.inbound.InboundRouting.Decision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundRoutingTest {
    private static final String VAULT_A = "tntaaaa1111";
    private static final String VAULT_B = "tntbbbb2222";
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final InboundRouting routing = new InboundRouting(new VaultHost("localhost"));
    private final ConfigSnapshot snapshot = snapshot(List.of(vault(VAULT_A), vault(VAULT_B)), List.of(
            route("r-root", VAULT_A, "/", "https://root.example:8443"),
            route("r-pay", VAULT_A, "/pay", "https://pay.example"),
            route("r-pay-x", VAULT_A, "/pay/x", "https://payx.example"),
            route("r-docs", VAULT_A, "/docs/", "http://docs.example"),
            route("r-b-pay", VAULT_B, "/pay", "https://b.example"),
            route("r-b-broken", VAULT_B, "/broken", "ftp://b.example")));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/pay, r-pay",
        "/pay/, r-pay",
        "/pay/y, r-pay",
        "/pay/x, r-pay-x",
        "/pay/x/1, r-pay-x",
        "/pay/xy, r-pay",
        "/payments, r-root",
        "/, r-root",
        "/other/deep/path, r-root",
        "/docs/, r-docs",
        "/docs/a, r-docs",
        "/docs, r-root",
    })
    void decide_inVaultWithCatchAll_takesLongestWholeSegmentPrefix(String path, String routeId) {
        Decision decision = routing.decide(snapshot, VAULT_A + ".localhost", path, NOW);

        assertThat(decision.isRejected()).isFalse();
        assertThat(decision.route().id()).isEqualTo(routeId);
    }

    @Test
    void decide_twoVaultsWithSamePrefix_neverCross() {
        Decision b = routing.decide(snapshot, VAULT_B + ".localhost", "/pay/x", NOW);

        assertThat(b.route().id()).isEqualTo("r-b-pay");
        assertThat(b.target().host()).isEqualTo("b.example");
    }

    @Test
    void decide_vaultWithoutCatchAll_rejectsOtherPathsAsNoRoute() {
        Decision decision = routing.decide(snapshot, VAULT_B + ".localhost", "/payments", NOW);

        assertThat(decision.rejection().status().code()).isEqualTo(404);
        assertThat(decision.rejection().code()).isEqualTo("no_route");
    }

    @ParameterizedTest
    @CsvSource({"tntzzzz9999.localhost", "localhost", "tntaaaa1111.example.com", "x.tntaaaa1111.localhost",
        "127.0.0.1:8080"})
    void decide_hostOfNoKnownVault_rejectsAsUnknownVault(String host) {
        Decision decision = routing.decide(snapshot, host, "/pay", NOW);

        assertThat(decision.rejection().status().code()).isEqualTo(404);
        assertThat(decision.rejection().code()).isEqualTo("unknown_vault");
    }

    @Test
    void decide_httpsUpstreamWithPort_targetsItOverTls() {
        Decision decision = routing.decide(snapshot, VAULT_A + ".localhost:8080", "/", NOW);

        assertThat(decision.target().host()).isEqualTo("root.example");
        assertThat(decision.target().port()).isEqualTo(8443);
        assertThat(decision.target().tls()).isTrue();
        assertThat(decision.target().identity()).isEmpty();
        assertThat(decision.address().hostHeader()).isEqualTo("root.example:8443");
    }

    @Test
    void decide_upstreamsWithoutPort_takeTheSchemesDefaultPort() {
        Decision https = routing.decide(snapshot, VAULT_A + ".localhost", "/pay", NOW);
        Decision http = routing.decide(snapshot, VAULT_A + ".localhost", "/docs/x", NOW);

        assertThat(https.target().port()).isEqualTo(443);
        assertThat(https.address().hostHeader()).isEqualTo("pay.example");
        assertThat(http.target().port()).isEqualTo(80);
        assertThat(http.target().tls()).isFalse();
    }

    @Test
    void decide_routeWithUnusableUpstreamUrl_answers502() {
        Decision decision = routing.decide(snapshot, VAULT_B + ".localhost", "/broken", NOW);

        assertThat(decision.rejection().status().code()).isEqualTo(502);
        assertThat(decision.rejection().code()).isEqualTo("upstream_connect_failed");
    }
}
