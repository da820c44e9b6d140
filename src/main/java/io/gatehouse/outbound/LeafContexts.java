package io.gatehouse.outbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * The server TLS contexts of intercepted hosts, each with its own leaf from the outbound CA, made on first sight of
 * a host and kept in a bounded cache. OpenSSL contexts are reference counted: the cache holds one reference and
 * releases it on eviction, and each TLS engine holds its own, so a context evicted while connections use it lives
 * until the last of them closes.
 */
final class LeafContexts implements AutoCloseable {
    /** Shorter than the leaf's validity, so that no cached leaf is ever served expired. */
    private static final Duration REISSUE_AFTER = CertificateIssuer.LEAF_VALIDITY.minusDays(1);
    /** Interception speaks HTTP/1.1 only: the relay reads HTTP/1.1 inside the tunnel. */
    private static final ApplicationProtocolConfig HTTP_1_1_ONLY = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_1_1);

    private final SignedKeyPair ca;
    private final SslProvider provider;
    private final Clock clock;
    private final Cache<String, SslContext> byHost;

    LeafContexts(SignedKeyPair ca, SslProvider provider, int maximumSize, Clock clock) {
        this.ca = ca;
        this.provider = provider;
        this.clock = clock;
        this.byHost = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(REISSUE_AFTER)
                .executor(Runnable::run)
                .removalListener((String host, SslContext context, RemovalCause cause) -> release(context))
                .build();
    }

    /** A server-side TLS handler presenting a leaf for the host (a DNS name or an IP literal). */
    SslHandler newHandler(String host, ByteBufAllocator alloc) {
        String key = host.toLowerCase(Locale.ROOT);
        while (true) {
            SslContext context = byHost.get(key, this::newContext);
            if (tryRetain(context)) {
                try {
                    return context.newHandler(alloc);
                } finally {
                    ReferenceCountUtil.release(context);
                }
            }
            // Evicted and released between the lookup and the retain: drop it and make another.
            byHost.asMap().remove(key, context);
        }
    }

    /** A context for the given names that the caller owns and must release. */
    SslContext newContext(List<String> names) {
        SignedKeyPair leaf = CertificateIssuer.issueLeaf(ca, names, clock.instant());
        try {
            return SslContextBuilder.forServer(leaf.privateKey(), leaf.certificate())
                    .sslProvider(provider)
                    .applicationProtocolConfig(HTTP_1_1_ONLY)
                    .clientAuth(ClientAuth.NONE)
                    .trustManager(NoClientCertificates.INSTANCE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot build a TLS context for " + names, e);
        }
    }

    /** The cached context of a host, if any; for tests of the reference counting. */
    SslContext cached(String host) {
        return byHost.getIfPresent(host.toLowerCase(Locale.ROOT));
    }

    long size() {
        byHost.cleanUp();
        return byHost.estimatedSize();
    }

    @Override
    public void close() {
        byHost.invalidateAll();
        byHost.cleanUp();
    }

    private SslContext newContext(String host) {
        return newContext(List.of(host));
    }

    private static void release(SslContext context) {
        try {
            ReferenceCountUtil.release(context);
        } catch (IllegalReferenceCountException alreadyReleased) {
            // Only a context found dead by newHandler and removed there gets here; nothing is left to free.
            return;
        }
    }

    private static boolean tryRetain(SslContext context) {
        if (!(context instanceof ReferenceCounted counted)) {
            return true;
        }
        try {
            counted.retain();
            return true;
        } catch (IllegalReferenceCountException e) {
            return false;
        }
    }
}
