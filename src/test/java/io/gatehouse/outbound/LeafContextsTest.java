package io.gatehouse.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeafContextsTest {
    private static final SignedKeyPair CA = CertificateIssuer.newCa(Instant.now());

    @Test
    void close_releasesTheCachesReference_andTheEngineKeepsItsOwnUntilReleased() {
        LeafContexts leaves = new LeafContexts(CA, SslProvider.OPENSSL, 10, Clock.systemUTC());
        SslHandler handler = leaves.newHandler("partner.example", ByteBufAllocator.DEFAULT);
        ReferenceCounted context = (ReferenceCounted) leaves.cached("partner.example");
        assertThat(context.refCnt()).as("cache and engine").isEqualTo(2);

        leaves.close();
        assertThat(context.refCnt()).as("engine only").isEqualTo(1);
        ReferenceCountUtil.release(handler.engine());

        assertThat(context.refCnt()).isZero();
    }

    @Test
    void newHandler_afterTheCachedContextWasReleased_buildsAFreshOne() {
        try (LeafContexts leaves = new LeafContexts(CA, SslProvider.OPENSSL, 10, Clock.systemUTC())) {
            ReferenceCountUtil.release(leaves.newHandler("partner.example", ByteBufAllocator.DEFAULT).engine());
            ReferenceCounted stale = (ReferenceCounted) leaves.cached("partner.example");
            stale.release();

            SslHandler handler = leaves.newHandler("partner.example", ByteBufAllocator.DEFAULT);

            assertThat(leaves.cached("partner.example")).isNotSameAs(stale);
            ReferenceCountUtil.release(handler.engine());
        }
    }

    @Test
    void newHandler_hostInAnyCase_sharesOneServerContext() {
        try (LeafContexts leaves = new LeafContexts(CA, SslProvider.JDK, 10, Clock.systemUTC())) {
            SslHandler first = leaves.newHandler("Partner.Example", ByteBufAllocator.DEFAULT);
            SslHandler second = leaves.newHandler("partner.example", ByteBufAllocator.DEFAULT);

            assertThat(leaves.size()).isEqualTo(1);
            assertThat(first.engine().getUseClientMode()).isFalse();
            assertThat(second.engine()).isNotSameAs(first.engine());
        }
    }
}
