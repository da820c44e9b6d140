package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.TestCa;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsContextsTest {
    private final TestCa ca = TestCa.create("Context CA");
    private final Identities identities = new Identities();

    @BeforeAll
    static void requireBoringSsl() {
        assumeTrue(OpenSsl.isAvailable(), "reference counting is a BoringSSL matter");
    }

    @Test
    void lease_beyondTheCacheSize_evictsAndReleasesAContext() {
        TlsContexts contexts = contexts(2);
        List<SslContext> built = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            built.add(leaseAndReturn(contexts, identities.of(ca.leaf("client-" + i).keyKind(KeyKind.EC_P256).issue())));
        }

        assertThat(contexts.size()).isEqualTo(2);
        assertThat(built).filteredOn(context -> refCnt(context) == 0).hasSize(1);
        assertThat(built).filteredOn(context -> refCnt(context) == 1).hasSize(2);
        contexts.close();
        assertThat(built).allSatisfy(context -> assertThat(refCnt(context)).isZero());
    }

    @Test
    void lease_holdsTheContextAliveThroughAnEviction() {
        TlsContexts contexts = contexts(1);
        TlsIdentity first = identities.of(ca.leaf("first").keyKind(KeyKind.EC_P256).issue());
        SslContext leased = contexts.lease(Optional.of(first), null, UpstreamTrust.DEFAULT);

        contexts.retain(Set.of());

        assertThat(refCnt(leased)).isEqualTo(1);
        ReferenceCountUtil.release(leased);
        assertThat(refCnt(leased)).isZero();
    }

    @Test
    void retain_dropsTheContextsOfOtherCertificatesAndKeepsTheOneWithoutIdentity() {
        TlsContexts contexts = contexts(8);
        TlsIdentity kept = identities.of(ca.leaf("kept").keyKind(KeyKind.EC_P256).issue());
        TlsIdentity deleted = identities.of(ca.leaf("deleted").keyKind(KeyKind.EC_P256).issue());
        SslContext keptContext = leaseAndReturn(contexts, kept);
        SslContext deletedContext = leaseAndReturn(contexts, deleted);
        SslContext plain = contexts.lease(Optional.empty(), null, UpstreamTrust.DEFAULT);
        ReferenceCountUtil.release(plain);

        contexts.retain(Set.of(kept.certificateId()));

        assertThat(refCnt(deletedContext)).isZero();
        assertThat(refCnt(keptContext)).isEqualTo(1);
        assertThat(refCnt(plain)).isEqualTo(1);
        assertThat(contexts.size()).isEqualTo(2);
        contexts.close();
    }

    @Test
    void lease_ofTheSameIdentityAndTrust_returnsTheSameContext() {
        TlsContexts contexts = contexts(8);
        TlsIdentity identity = identities.of(ca.leaf("same").keyKind(KeyKind.EC_P256).issue());

        SslContext first = leaseAndReturn(contexts, identity);
        SslContext again = leaseAndReturn(contexts, identity);
        SslContext otherTrust = contexts.lease(Optional.of(identity), ca.certificatePem(),
                UpstreamTrust.fingerprint(ca.certificatePem()));
        ReferenceCountUtil.release(otherTrust);

        assertThat(again).isSameAs(first);
        assertThat(otherTrust).isNotSameAs(first);
        contexts.close();
    }

    private TlsContexts contexts(int size) {
        return new TlsContexts(SslProvider.OPENSSL, identities.sealer(), new UpstreamTrust(null), size,
                id -> false);
    }

    private static SslContext leaseAndReturn(TlsContexts contexts, TlsIdentity identity) {
        SslContext context = contexts.lease(Optional.of(identity), null, UpstreamTrust.DEFAULT);
        ReferenceCountUtil.release(context);
        return context;
    }

    private static int refCnt(SslContext context) {
        return ((ReferenceCounted) context).refCnt();
    }
}
