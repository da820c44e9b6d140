package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.SettableClock;
import io.gatehouse.testing.TestCa;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

class RememberingTrustManagerTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final TestCa ca = TestCa.create("Remembering CA");
    private final X509Certificate[] chain = serverChain(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    private final Verdicts delegate = new Verdicts();

    @Test
    void checkServerTrusted_sameChainAndHostTwice_asksTheDelegateOnce() throws Exception {
        RememberingTrustManager manager = new RememberingTrustManager(delegate, clockAt(NOW));

        manager.checkServerTrusted(chain, "ECDHE_ECDSA", engine("upstream.test"));
        manager.checkServerTrusted(chain, "ECDHE_ECDSA", engine("upstream.test"));

        assertThat(delegate.asked).hasSize(1);
        assertThat(manager.rememberedChains()).isEqualTo(1);
    }

    @Test
    void checkServerTrusted_sameChainForAnotherHost_asksTheDelegateAgain() throws Exception {
        RememberingTrustManager manager = new RememberingTrustManager(delegate, clockAt(NOW));

        manager.checkServerTrusted(chain, "ECDHE_ECDSA", engine("upstream.test"));
        manager.checkServerTrusted(chain, "ECDHE_ECDSA", engine("other.test"));

        assertThat(delegate.asked).containsExactly("upstream.test", "other.test");
    }

    @Test
    void checkServerTrusted_anotherChainForTheSameHost_asksTheDelegateAgain() throws Exception {
        RememberingTrustManager manager = new RememberingTrustManager(delegate, clockAt(NOW));
        X509Certificate[] other = serverChain(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

        manager.checkServerTrusted(chain, "ECDHE_ECDSA", engine("upstream.test"));
        manager.checkServerTrusted(other, "ECDHE_ECDSA", engine("upstream.test"));

        assertThat(delegate.asked).hasSize(2);
    }

    @Test
    void checkServerTrusted_rejectedChain_isRejectedEveryTime() {
        RememberingTrustManager manager = new RememberingTrustManager(delegate, clockAt(NOW));
        delegate.reject = true;

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> manager.checkServerTrusted(chain, "ECDHE_ECDSA", engine("upstream.test")))
                    .isInstanceOf(CertificateException.class);
        }
        assertThat(delegate.asked).hasSize(2);
        assertThat(manager.rememberedChains()).isZero();
    }

    @Test
    void checkServerTrusted_afterTheChainExpired_asksTheDelegateAgain() throws Exception {
        SettableClock clock = new SettableClock(NOW);
        RememberingTrustManager manager = new RememberingTrustManager(delegate, clock);
        manager.checkServerTrusted(chain, "ECDHE_ECDSA", engine("upstream.test"));

        clock.advance(Duration.ofDays(31));
        delegate.reject = true;

        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "ECDHE_ECDSA", engine("upstream.test")))
                .isInstanceOf(CertificateException.class);
        assertThat(delegate.asked).hasSize(2);
    }

    private X509Certificate[] serverChain(Instant from, Instant until) {
        return ca.leaf("upstream.test").keyKind(KeyKind.EC_P256).serverOnly().dnsName("upstream.test")
                .validity(from, until).issue().chain().toArray(X509Certificate[]::new);
    }

    private static SSLEngine engine(String host) throws NoSuchAlgorithmException {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine(host, 443);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** Stands in for the JDK's PKIX check, which needs a live handshake: records who asked, accepts or rejects. */
    private static final class Verdicts extends X509ExtendedTrustManager {
        final List<String> asked = new ArrayList<>();
        boolean reject;

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            asked.add(engine.getPeerHost());
            if (reject) {
                throw new CertificateException("rejected by the test");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
