package io.gatehouse.upstream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.gatehouse.secret.KeySealer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCountUtil;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client TLS contexts, one per (certificate id, trust fingerprint), built lazily and kept in a bounded cache.
 *
 * <p>Design notes. A context carries one private key and its own session cache, so sessions can only resume
 * within the identity that made them. BoringSSL contexts are reference counted native objects: the cache owns one
 * reference and gives it up (release) when the entry is evicted by size or invalidated by
 * {@link #retain(Set)}; the removal listener runs on the thread that removes, so {@code retain} has released
 * everything before it returns.
 *
 * <p>A context must not be freed while an engine is being made from it. {@link #lease} therefore hands out a
 * context with an extra reference taken for the caller; the caller makes its engine (an OpenSSL engine takes its
 * own reference to the context for its lifetime) and then releases the lease. If an eviction on another thread
 * dropped the cache's reference to zero between the lookup and the retain, the retain fails, and since an entry is
 * removed from the map before it is released, the next lookup builds a fresh context. JDK contexts are not
 * reference counted; the retain and release calls are then no-ops.
 */
final class TlsContexts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);
    private static final String NO_IDENTITY = "";

    /** The cache key: certificate id ({@code ""} for no identity) and trust fingerprint. */
    record Key(String certificateId, String trustFingerprint) {
    }

    private final SslProvider provider;
    private final KeySealer sealer;
    private final UpstreamTrust trust;
    private final Cache<Key, SslContext> cache;
    private final Predicate<String> retired;

    /** {@code retired} tells deleted certificate ids, whose contexts must not be built again. */
    TlsContexts(SslProvider provider, KeySealer sealer, UpstreamTrust trust, int maximumSize,
                Predicate<String> retired) {
        this.retired = retired;
        this.provider = provider;
        this.sealer = sealer;
        this.trust = trust;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .executor(Runnable::run)
                .removalListener(TlsContexts::released)
                .build();
    }

    private static void released(Key key, SslContext context, RemovalCause cause) {
        log.debug("Upstream TLS context of certificate {} released ({})",
                key.certificateId().isEmpty() ? "none" : key.certificateId(), cause);
        ReferenceCountUtil.release(context);
    }

    /**
     * A context for the identity and trust, with one reference taken for the caller, who must release it (with
     * {@link ReferenceCountUtil#release}) once its engine is made.
     */
    SslContext lease(Optional<TlsIdentity> identity, String extraCaPem, String trustFingerprint) {
        Key key = new Key(identity.map(TlsIdentity::certificateId).orElse(NO_IDENTITY), trustFingerprint);
        while (true) {
            SslContext context = cache.get(key, ignored -> build(identity, extraCaPem));
            try {
                ReferenceCountUtil.retain(context);
            } catch (IllegalReferenceCountException freedMeanwhile) {
                // Evicted and released on another thread since the lookup; it is out of the map, so look again.
                continue;
            }
            if (!key.certificateId().isEmpty() && retired.test(key.certificateId())) {
                // Deleted while this exchange was starting: the context built for it must not stay cached.
                cache.invalidate(key);
                ReferenceCountUtil.release(context);
                throw new IllegalStateException("The client certificate " + key.certificateId() + " was removed");
            }
            return context;
        }
    }

    /** Drops the contexts of every certificate not in {@code liveCertificateIds}; contexts without one stay. */
    void retain(Set<String> liveCertificateIds) {
        for (Key key : List.copyOf(cache.asMap().keySet())) {
            if (!key.certificateId().isEmpty() && !liveCertificateIds.contains(key.certificateId())) {
                cache.invalidate(key);
            }
        }
    }

    /** Contexts built now (after pending evictions ran). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private SslContext build(Optional<TlsIdentity> identity, String extraCaPem) {
        IdentityKeyManager keyManager = identity.map(this::keyManager).orElseGet(IdentityKeyManager::none);
        try {
            SslContext context = SslContextBuilder.forClient()
                    .sslProvider(provider)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .trustManager(trust.trustManager(extraCaPem))
                    .keyManager(keyManager)
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
            log.debug("Upstream TLS context built for {}", keyManager);
            return context;
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    private IdentityKeyManager keyManager(TlsIdentity identity) {
        List<X509Certificate> chain = PemCertificates.parse(identity.chainPem(),
                "The chain of certificate " + identity.certificateId());
        if (chain.isEmpty()) {
            throw new IllegalStateException("Certificate " + identity.certificateId() + " has no certificate in "
                    + "its chain");
        }
        PrivateKey key = sealer.unsealPrivateKey(identity.sealedPrivateKey(), identity.certificateId());
        return IdentityKeyManager.bound(key, chain.toArray(X509Certificate[]::new));
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }
}
