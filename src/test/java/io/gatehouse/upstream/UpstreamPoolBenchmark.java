package io.gatehouse.upstream;

import io.gatehouse.testing.TestCa;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
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
 * The upstream pool's share of every exchange: the pool key (with the fingerprint of the route's extra CA
 * certificates, or of none) and taking a warm connection from the pool and handing it back.
 *
 * <p>The pooled connection is an {@link EmbeddedChannel}: active, on an event loop that is always "this thread", and
 * without a socket, so only the pool's own bookkeeping is measured. Its one idle-expiry task stays pending, as on a
 * busy connection in production, whose pending check is reused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UpstreamPoolBenchmark {
    private EmbeddedChannel channel;
    private UpstreamTarget defaultTrustTarget;
    private UpstreamTarget routeCaTarget;
    private UpstreamPool pool;
    private PoolKey key;

    @Setup
    public void warmPool() {
        Identities identities = new Identities();
        TestCa ca = TestCa.create("Benchmark Client CA");
        TlsIdentity identity = identities.of(ca.leaf("payments-client").issue());
        String routeCaPem = TestCa.create("Partner Server CA").certificatePem();
        defaultTrustTarget = Identities.target("api.partner.example", 8443, identity, null);
        routeCaTarget = Identities.target("api.partner.example", 8443, identity, routeCaPem);

        channel = new EmbeddedChannel(new UpstreamHandler());
        key = PoolKey.of(channel.eventLoop(), routeCaTarget, UpstreamTrust.fingerprint(routeCaPem));
        pool = new UpstreamPool(64, Duration.ofSeconds(60), certificateId -> false);
        PooledConnection connection = new PooledConnection(channel, key, channel.pipeline().get(UpstreamHandler.class));
        pool.register(connection);
        connection.firstExchange();
        pool.release(connection, true);
    }

    @TearDown
    public void closePool() {
        pool.closeAll();
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public PoolKey poolKeyDefaultTrust() {
        return PoolKey.of(channel.eventLoop(), defaultTrustTarget,
                UpstreamTrust.fingerprint(defaultTrustTarget.extraCaPem()));
    }

    /** The route's CA text is the same string on every request, so its fingerprint is a cache hit. */
    @Benchmark
    public PoolKey poolKeyRouteCa() {
        return PoolKey.of(channel.eventLoop(), routeCaTarget, UpstreamTrust.fingerprint(routeCaTarget.extraCaPem()));
    }

    /** A request's whole pool round trip on a warm pool: its key, then taking the connection and returning it. */
    @Benchmark
    public PooledConnection keyAcquireRelease() {
        PoolKey requestKey = PoolKey.of(channel.eventLoop(), routeCaTarget,
                UpstreamTrust.fingerprint(routeCaTarget.extraCaPem()));
        PooledConnection connection = pool.acquire(requestKey);
        pool.release(connection, true);
        return connection;
    }

    @Benchmark
    public PooledConnection acquireRelease() {
        PooledConnection connection = pool.acquire(key);
        pool.release(connection, true);
        return connection;
    }
}
