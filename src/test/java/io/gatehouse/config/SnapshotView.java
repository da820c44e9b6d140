package io.gatehouse.config;

import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.Route;
import io.gatehouse.store.StoredCertificate;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything a {@link ConfigSnapshot} indexes, as plain comparable values, so that tests can compare a snapshot
 * built from changes with one rebuilt from the whole store (the records hold arrays, which compare by identity).
 */
final class SnapshotView {
    private SnapshotView() {
    }

    static Map<String, Object> of(ConfigSnapshot s) {
        return Map.of(
                "version", s.version(),
                "vaults", s.vaultIndex().keySet().stream().sorted().toList(),
                "credentialsById", sorted(s.credentialsById(), c -> c.username() + " " + c.vaultId() + " "
                        + Arrays.toString(c.passwordHash())),
                "credentialsByUsername", sorted(s.credentialsByUsername(), AccessCredential::id),
                "routesById", sorted(s.routesById(), Route::toString),
                "routesByVault", sorted(s.routesByVault(), t -> t.routes().stream().map(Route::id).toList()),
                "certificatesById", sorted(s.certificatesById(), c -> c + " " + c.createdAt() + " " + c.notBefore()),
                "certificatesByTarget", sorted(s.certificatesByTarget(),
                        list -> list.stream().map(StoredCertificate::id).toList()),
                "identities", sorted(s.identitiesByCertificate(), i -> i.certificateId() + " " + i.vaultId() + " "
                        + i.chainPem() + " " + Arrays.toString(i.sealedPrivateKey())));
    }

    private static <V> Map<String, Object> sorted(Map<String, V> map, Function<V, Object> value) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((key, v) -> out.put(key, value.apply(v)));
        return out;
    }
}
