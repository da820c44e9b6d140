package io.gatehouse.upstream;

import io.gatehouse.secret.KeySealer;
import io.gatehouse.secret.MasterKey;
import io.gatehouse.testing.IssuedCertificate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Seals test certificates into {@link TlsIdentity} values and makes targets for the relay tests. */
final class Identities {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final KeySealer sealer = new KeySealer(MasterKey.generate(new StringBuilder()));

    KeySealer sealer() {
        return sealer;
    }

    TlsIdentity of(IssuedCertificate certificate) {
        String id = "crt-" + IDS.incrementAndGet();
        return new TlsIdentity(id, "tnttest0001", certificate.chainPem(),
                sealer.sealPrivateKey(certificate.privateKey(), id));
    }

    static UpstreamTarget target(String host, int port, TlsIdentity identity, String extraCaPem) {
        return new UpstreamTarget(host, port, true, Optional.ofNullable(identity), extraCaPem);
    }
}
