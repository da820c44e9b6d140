package io.gatehouse.upstream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What an upstream's server certificate may chain to: the JVM's default trust store, plus the {@code --upstream-ca}
 * certificates, plus a route's own CA certificates. Verification is always on; there is no way to turn it off here.
 */
final class UpstreamTrust {
    /** The fingerprint of "no extra CA certificates". */
    static final String DEFAULT = "default";

    /** Each request names its route's CA text: hashed once per distinct text, not once per request. */
    private static final Cache<String, String> FINGERPRINTS = Caffeine.newBuilder().maximumSize(1_000).build();

    private final List<X509Certificate> anchors;
    /**
     * One server check per trust fingerprint, shared by every TLS context with that trust: the trust store is built
     * once, and a chain accepted through one client certificate's context is remembered for the others.
     */
    private final Cache<String, X509ExtendedTrustManager> managers = Caffeine.newBuilder().maximumSize(1_000).build();

    /** Reads the JVM's default anchors and {@code upstreamCaPem}; a bad PEM fails the start, naming the setting. */
    UpstreamTrust(String upstreamCaPem) {
        List<X509Certificate> all = new ArrayList<>(jvmDefaultAnchors());
        all.addAll(PemCertificates.parse(upstreamCaPem, "--upstream-ca"));
        this.anchors = List.copyOf(all);
    }

    /** A short stable name of the extra CA text, part of every cache and pool key so trust settings never mix. */
    static String fingerprint(String extraCaPem) {
        if (extraCaPem == null || extraCaPem.isBlank()) {
            return DEFAULT;
        }
        return FINGERPRINTS.get(extraCaPem, UpstreamTrust::digest);
    }

    private static String digest(String extraCaPem) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(extraCaPem.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The server check for the default anchors plus {@code extraCaPem} (a route's CA certificates, may be null): the
     * JDK's PKIX validation, remembering the chains it accepted.
     */
    X509ExtendedTrustManager trustManager(String extraCaPem) {
        return managers.get(fingerprint(extraCaPem), ignored -> newTrustManager(extraCaPem));
    }

    private X509ExtendedTrustManager newTrustManager(String extraCaPem) {
        for (TrustManager manager : factory(extraCaPem).getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return new RememberingTrustManager(x509, Clock.systemUTC());
            }
        }
        throw new IllegalStateException("The JVM's default trust manager factory made no X509ExtendedTrustManager");
    }

    private TrustManagerFactory factory(String extraCaPem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (X509Certificate anchor : anchors) {
                store.setCertificateEntry("anchor-" + index++, anchor);
            }
            for (X509Certificate extra : PemCertificates.parse(extraCaPem, "The route's CA certificates")) {
                store.setCertificateEntry("anchor-" + index++, extra);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the upstream trust store: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> jvmDefaultAnchors() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            List<X509Certificate> result = new ArrayList<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    result.addAll(List.of(x509.getAcceptedIssuers()));
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the JVM's default trust store: " + e.getMessage(), e);
        }
    }
}
