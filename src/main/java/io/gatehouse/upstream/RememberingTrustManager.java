package io.gatehouse.upstream;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The upstream server check of one trust store, remembering the server chains it has accepted. Thread-safe: one
 * instance serves every TLS context with that trust ({@link UpstreamTrust#trustManager}).
 *
 * <p>Why: BoringSSL hands every server chain to the JDK's PKIX validator, which on a full handshake costs more CPU
 * than the rest of Gatehouse's Java work for that connection (profiled in docs/benchmarks.md). Its verdict depends
 * only on the chain, the trust anchors (fixed for this instance), the key exchange type, the name checked and the
 * time. So a chain accepted for a name is accepted again for that name and type without validating it anew, for at
 * most {@link #REMEMBER_FOR} and only while every certificate of the chain is within its validity. Rejections are
 * never remembered, and every other check goes straight to the delegate.
 */
final class RememberingTrustManager extends X509ExtendedTrustManager {
    static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    private static final int REMEMBERED_CHAINS = 1_000;

    /** What the delegate's verdict on a server chain depends on, besides the anchors and the time. */
    private record Question(String chainSha256, String authType, String peerHost, String serverNames,
                            String identification) {
    }

    /** The instants between which all certificates of an accepted chain are valid. */
    private record Validity(Instant notBefore, Instant notAfter) {
        boolean contains(Instant now) {
            return !now.isBefore(notBefore) && now.isBefore(notAfter);
        }
    }

    private final X509ExtendedTrustManager delegate;
    private final Clock clock;
    private final Cache<Question, Validity> accepted;

    RememberingTrustManager(X509ExtendedTrustManager delegate, Clock clock) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.clock = requireNonNull(clock, "clock");
        this.accepted = Caffeine.newBuilder()
                .maximumSize(REMEMBERED_CHAINS)
                .expireAfterWrite(REMEMBER_FOR)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (chain == null || chain.length == 0 || engine == null) {
            delegate.checkServerTrusted(chain, authType, engine);
            return;
        }
        Question question = new Question(sha256(chain), authType, engine.getPeerHost(), serverNames(engine),
                engine.getSSLParameters().getEndpointIdentificationAlgorithm());
        Validity known = accepted.getIfPresent(question);
        if (known != null && known.contains(clock.instant())) {
            return;
        }
        delegate.checkServerTrusted(chain, authType, engine);
        accepted.put(question, validityOf(chain));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /** Chains remembered now, for tests. */
    long rememberedChains() {
        accepted.cleanUp();
        return accepted.estimatedSize();
    }

    /** The names the client asked for with SNI, which the delegate checks before the peer host. */
    private static String serverNames(SSLEngine engine) {
        SSLSession session = engine.getHandshakeSession();
        return session instanceof ExtendedSSLSession extended ? extended.getRequestedServerNames().toString() : "";
    }

    private static String sha256(X509Certificate[] chain) throws CertificateException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (X509Certificate certificate : chain) {
                byte[] encoded = certificate.getEncoded();
                // Each certificate's length goes in too, so that no two different chains hash the same bytes.
                digest.update(new byte[] {(byte) (encoded.length >>> 24), (byte) (encoded.length >>> 16),
                        (byte) (encoded.length >>> 8), (byte) encoded.length});
                digest.update(encoded);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("Cannot hash the server's chain: " + e.getMessage(), e);
        }
    }

    private static Validity validityOf(X509Certificate[] chain) {
        Instant notBefore = Instant.MIN;
        Instant notAfter = Instant.MAX;
        for (X509Certificate certificate : chain) {
            Instant from = certificate.getNotBefore().toInstant();
            Instant until = certificate.getNotAfter().toInstant();
            notBefore = from.isAfter(notBefore) ? from : notBefore;
            notAfter = until.isBefore(notAfter) ? until : notAfter;
        }
        return new Validity(notBefore, notAfter);
    }
}
