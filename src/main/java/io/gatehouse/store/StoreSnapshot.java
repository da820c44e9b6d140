package io.gatehouse.store;

import java.util.List;
import java.util.Optional;

/** Everything the proxies need, read in one transaction, at one configuration version. */
public record StoreSnapshot(
        long version,
        List<Vault> vaults,
        List<AccessCredential> credentials,
        List<Route> routes,
        List<StoredCertificate> certificates,
        Optional<byte[]> sealedOutboundCa) {
}
