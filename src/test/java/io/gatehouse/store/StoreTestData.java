package io.gatehouse.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Records for the store's tests. The store keeps certificates as opaque text, so none is parsed here. */
final class StoreTestData {
    static final String ACTOR = "admin-token";

    private StoreTestData() {
    }

    static byte[] passwordHash(String seed) {
        byte[] hash = new byte[32];
        byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, hash, 0, Math.min(bytes.length, hash.length));
        return hash;
    }

    static StoredCertificate outbound(String id, String vaultId, String credentialId, String fingerprint) {
        return certificate(id, vaultId, ProxyType.OUTBOUND, credentialId, null, fingerprint);
    }

    static StoredCertificate inbound(String id, String vaultId, String routeId, String fingerprint) {
        return certificate(id, vaultId, ProxyType.INBOUND, null, routeId, fingerprint);
    }

    static StoredCertificate certificate(String id, String vaultId, ProxyType type, String credentialId,
                                         String routeId, String fingerprint) {
        return new StoredCertificate(id, vaultId, type, credentialId, routeId, "partner " + fingerprint,
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                new byte[] {1, 2, 3, (byte) 0xff, 0}, "CN=client", "CN=Partner CA", "0A1B2C",
                fingerprint, Instant.parse("2026-01-01T00:00:00.123456789Z"),
                Instant.parse("2027-01-01T00:00:00Z"), "EC", 256, List.of("DNS:client.example", "IP:10.0.0.1"),
                2, null);
    }
}
