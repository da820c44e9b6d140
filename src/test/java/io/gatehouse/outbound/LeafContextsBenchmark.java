package io.gatehouse.outbound;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What an intercepted CONNECT costs before its handshake: the server TLS handler for a host whose leaf is cached
 * (a cache hit, plus the new TLS engine every connection gets), and for comparison a miss, which issues a new EC
 * P-256 leaf from the outbound CA and builds its TLS context. BoringSSL, as the proxy uses when it is available.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LeafContextsBenchmark {
    private static final String CACHED_HOST = "partner.example";

    private SignedKeyPair ca;
    private LeafContexts leaves;
    private List<String> missNames;

    @Setup
    public void warmCache() {
        ca = CertificateIssuer.newCa(Instant.now());
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        leaves = new LeafContexts(ca, provider, 1_000, Clock.systemUTC());
        releaseEngine(leaves.newHandler(CACHED_HOST, ByteBufAllocator.DEFAULT));
        missNames = List.of("new-partner.example");
    }

    @TearDown
    public void closeCache() {
        leaves.close();
    }

    /** The handler of a CONNECT to a cached host; its engine is freed at once, as a closed connection's is. */
    @Benchmark
    public SslHandler hitNewHandler() {
        SslHandler handler = leaves.newHandler(CACHED_HOST, ByteBufAllocator.DEFAULT);
        releaseEngine(handler);
        return handler;
    }

    /** The cache lookup of a hit alone, without the engine. */
    @Benchmark
    public SslContext hitLookup() {
        return leaves.cached(CACHED_HOST);
    }

    /** A miss: a new leaf and its TLS context, built and freed, as the cache does for a host it has not seen. */
    @Benchmark
    public SslContext missNewContext() {
        SslContext context = leaves.newContext(missNames);
        ReferenceCountUtil.release(context);
        return context;
    }

    /** The certificate part of a miss: an EC P-256 key pair and a leaf signed by the outbound CA. */
    @Benchmark
    public SignedKeyPair missIssueLeaf() {
        return CertificateIssuer.issueLeaf(ca, missNames, Instant.now());
    }

    private static void releaseEngine(SslHandler handler) {
        ReferenceCountUtil.release(handler.engine());
    }
}
