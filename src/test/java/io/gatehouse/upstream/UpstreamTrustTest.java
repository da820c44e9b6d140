package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.TestCa;
import org.junit.jupiter.api.Test;

class UpstreamTrustTest {
    private final UpstreamTrust trust = new UpstreamTrust(null);

    @Test
    void trustManager_sameExtraCas_isOneSharedCheck() {
        String routeCa = TestCa.create("Route CA").certificatePem();

        assertThat(trust.trustManager(routeCa)).isSameAs(trust.trustManager(routeCa));
        assertThat(trust.trustManager(null)).isSameAs(trust.trustManager(""));
    }

    @Test
    void trustManager_otherExtraCas_isAnotherCheck() {
        String routeCa = TestCa.create("Route CA").certificatePem();

        assertThat(trust.trustManager(routeCa)).isNotSameAs(trust.trustManager(null));
        assertThat(trust.trustManager(routeCa).getAcceptedIssuers())
                .hasSize(trust.trustManager(null).getAcceptedIssuers().length + 1);
    }
}
