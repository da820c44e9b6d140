package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.MtlsUpstream;
import io.gatehouse.testing.TestCa;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(LeakWatch.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpstreamIdentityIT {
    private final TestCa clientCa = TestCa.create("Partner Client CA");
    private final Identities identities = new Identities();
    // One worker thread: every client connection shares one event loop, so a pool that mixed identities could.
    private final NettyTransport transport = NettyTransport.create(1);
    private final MtlsUpstream upstream = MtlsUpstream.builder().requireClientsOf(clientCa.certificate()).start();
    private final UpstreamClient upstreamClient = new UpstreamClient(transport, identities.sealer(),
            UpstreamSettings.defaults().withUpstreamCaPem(upstream.serverCaPem()));
    private final FrontClient client = new FrontClient();

    @AfterEach
    void stop() {
        upstreamClient.close();
        upstream.close();
        transport.close();
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA_2048", "EC_P256", "EC_P384", "ED25519"})
    void relay_withIdentityOfEveryKeyKind_presentsItsCertificate(KeyKind kind) throws Exception {
        IssuedCertificate certificate = clientCa.leaf("client-" + kind).keyKind(kind).issue();
        TlsIdentity identity = identities.of(certificate);

        try (RelayFront front = front(identity)) {
            HttpResponse<String> response = client.get(front.url("/pay?amount=5"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Client-Fingerprint")).hasValue(certificate.sha256Fingerprint());
            assertThat(response.headers().firstValue("X-Seen-Path")).hasValue("/pay?amount=5");
        }
    }

    @Test
    void relay_withIntermediate_presentsTheFullChainInOrder() throws Exception {
        TestCa issuing = clientCa.intermediate("Partner Issuing CA");
        IssuedCertificate certificate = issuing.leaf("chained-client").keyKind(KeyKind.EC_P256).issue();

        try (RelayFront front = front(identities.of(certificate))) {
            HttpResponse<String> response = client.get(front.url("/"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(upstream.requests()).singleElement()
                    .satisfies(seen -> assertThat(seen.clientChain()).containsExactlyElementsOf(certificate.chain()));
        }
    }

    @Test
    void relay_withoutIdentity_toUpstreamRequiringOne_answersTlsFailed() throws Exception {
        try (RelayFront front = front(null)) {
            HttpResponse<String> response = client.get(front.url("/"));

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("X-Gatehouse-Error")).hasValue("upstream_tls_failed");
            assertThat(response.body()).contains("localhost:" + upstream.port());
            assertThat(upstream.requests()).isEmpty();
        }
    }

    @Test
    void relay_withKeepAlive_reusesTheUpstreamConnectionOfTheSameIdentity() throws Exception {
        try (RelayFront front = front(identities.of(clientCa.leaf("client").issue()))) {
            String first = client.get(front.url("/1")).headers().firstValue("X-Connection-Id").orElseThrow();
            String second = client.get(front.url("/2")).headers().firstValue("X-Connection-Id").orElseThrow();

            assertThat(second).isEqualTo(first);
            assertThat(upstream.connections()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> upstreamClient.idleConnections() == 1);
        }
    }

    @Test
    void relay_withTwoIdentities_neverSharesAConnection() throws Exception {
        IssuedCertificate alice = clientCa.leaf("alice").keyKind(KeyKind.EC_P256).issue();
        IssuedCertificate bob = clientCa.leaf("bob").keyKind(KeyKind.EC_P256).issue();

        try (RelayFront aliceFront = front(identities.of(alice)); RelayFront bobFront = front(identities.of(bob))) {
            for (int round = 0; round < 3; round++) {
                assertThat(client.get(aliceFront.url("/")).headers().firstValue("X-Client-Subject"))
                        .hasValue("CN=alice");
                assertThat(client.get(bobFront.url("/")).headers().firstValue("X-Client-Subject"))
                        .hasValue("CN=bob");
            }
        }

        assertThat(upstream.requests()).hasSize(6);
        assertThat(upstream.connections()).isEqualTo(2);
        for (var seen : upstream.requests()) {
            String expected = seen.connectionId() == upstream.requests().get(0).connectionId() ? "CN=alice" : "CN=bob";
            assertThat(seen.clientSubject()).isEqualTo(expected);
        }
    }

    @Test
    void retainCertificates_withoutAnId_closesItsConnectionsAndTheNextRequestUsesTheOther() throws Exception {
        TlsIdentity old = identities.of(clientCa.leaf("old").issue());
        TlsIdentity renewed = identities.of(clientCa.leaf("renewed").issue());

        try (RelayFront front = front(old)) {
            client.get(front.url("/"));
            await().atMost(Duration.ofSeconds(5)).until(() -> upstreamClient.idleConnections() == 1);

            upstreamClient.retainCertificates(Set.of(renewed.certificateId()));
            front.target(Identities.target("localhost", upstream.port(), renewed, null));

            assertThat(upstreamClient.idleConnections()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> upstream.openConnections() == 0);
            HttpResponse<String> response = client.get(front.url("/"));
            assertThat(response.headers().firstValue("X-Client-Subject")).hasValue("CN=renewed");
            assertThat(upstream.connections()).isEqualTo(2);
        }
    }

    @Test
    void retainCertificates_duringAnExchange_closesItsConnectionWhenTheExchangeEnds() throws Exception {
        try (RelayFront front = front(identities.of(clientCa.leaf("busy").issue()))) {
            CompletableFuture<HttpResponse<String>> slow =
                    CompletableFuture.supplyAsync(() -> get(front, "/slow?ms=800"));
            await().atMost(Duration.ofSeconds(5)).until(() -> upstream.requests().size() == 1);

            upstreamClient.retainCertificates(Set.of());

            assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> upstream.openConnections() == 0);
            assertThat(upstreamClient.idleConnections()).isZero();
        }
    }

    @Test
    void relay_withDeletedIdentityFromAStaleTarget_isRefused() throws Exception {
        TlsIdentity deleted = identities.of(clientCa.leaf("deleted").issue());

        try (RelayFront front = front(deleted)) {
            client.get(front.url("/"));
            upstreamClient.retainCertificates(Set.of());

            HttpResponse<String> response = client.get(front.url("/"));

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(upstream.requests()).hasSize(1);
        }
    }

    private HttpResponse<String> get(RelayFront front, String path) {
        try {
            return client.get(front.url(path));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private RelayFront front(TlsIdentity identity) {
        return new RelayFront(transport, upstreamClient, Identities.target("localhost", upstream.port(), identity,
                null));
    }
}
