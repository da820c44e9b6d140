package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.ProxyType;
import io.gatehouse.store.Route;
import io.gatehouse.store.StoreSnapshot;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.store.Vault;
import io.gatehouse.upstream.TlsIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigSnapshotTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String VAULT = "tntaaaaaaaa";
    private static final String OTHER_VAULT = "tntbbbbbbbb";

    @Test
    void identityFor_picksTheNewestValidCertificate() {
        ConfigSnapshot snapshot = snapshot(
                certificate("old", "crd1", NOW.minus(days(30)), NOW.plus(days(300)), NOW.minus(days(30))),
                certificate("new", "crd1", NOW.minus(days(1)), NOW.plus(days(300)), NOW.minus(days(1))));

        assertThat(snapshot.identityFor("crd1", NOW)).map(TlsIdentity::certificateId).contains("new");
    }

    @Test
    void identityFor_withScheduledCertificate_keepsTheCurrentOneUntilItsNotBefore() {
        ConfigSnapshot snapshot = snapshot(
                certificate("current", "crd1", NOW.minus(days(30)), NOW.plus(days(300)), NOW.minus(days(30))),
                certificate("scheduled", "crd1", NOW.plus(days(2)), NOW.plus(days(400)), NOW.minus(days(1))));

        assertThat(snapshot.identityFor("crd1", NOW)).map(TlsIdentity::certificateId).contains("current");
        assertThat(snapshot.identityFor("crd1", NOW.plus(days(2)))).map(TlsIdentity::certificateId)
                .contains("scheduled");
    }

    @Test
    void identityFor_withEqualNotBefore_prefersTheLatestUpload() {
        Instant notBefore = NOW.minus(days(5));
        ConfigSnapshot snapshot = snapshot(
                certificate("first", "crd1", notBefore, NOW.plus(days(300)), NOW.minus(days(3))),
                certificate("second", "crd1", notBefore, NOW.plus(days(300)), NOW.minus(days(2))));

        assertThat(snapshot.identityFor("crd1", NOW)).map(TlsIdentity::certificateId).contains("second");
    }

    @Test
    void identityFor_withOnlyExpiredCertificates_isEmpty() {
        ConfigSnapshot snapshot = snapshot(
                certificate("expired", "crd1", NOW.minus(days(400)), NOW.minus(days(1)), NOW.minus(days(400))));

        assertThat(snapshot.identityFor("crd1", NOW)).isEmpty();
    }

    @Test
    void identityFor_neverReturnsAnotherTargetsCertificate() {
        ConfigSnapshot snapshot = snapshot(
                certificate("mine", "crd1", NOW.minus(days(1)), NOW.plus(days(300)), NOW.minus(days(1))));

        assertThat(snapshot.identityFor("crd2", NOW)).isEmpty();
    }

    @Test
    void isInUse_isTrueOnlyForTheSelectedCertificate() {
        StoredCertificate old = certificate("old", "crd1", NOW.minus(days(30)), NOW.plus(days(300)),
                NOW.minus(days(30)));
        StoredCertificate current = certificate("new", "crd1", NOW.minus(days(1)), NOW.plus(days(300)),
                NOW.minus(days(1)));
        ConfigSnapshot snapshot = snapshot(old, current);

        assertThat(snapshot.isInUse(current, NOW)).isTrue();
        assertThat(snapshot.isInUse(old, NOW)).isFalse();
    }

    @Test
    void route_neverCrossesVaults() {
        Route mine = new Route("rte1", VAULT, "/pay", "https://a.example", null, null, NOW);
        StoreSnapshot store = new StoreSnapshot(3, vaults(), List.of(), List.of(mine), List.of(), Optional.empty());

        ConfigSnapshot snapshot = new ConfigSnapshot(store);

        assertThat(snapshot.route(VAULT, "/pay/1")).contains(mine);
        assertThat(snapshot.route(OTHER_VAULT, "/pay/1")).isEmpty();
        assertThat(snapshot.hasVault(OTHER_VAULT)).isTrue();
        assertThat(snapshot.hasVault("tntcccccccc")).isFalse();
        assertThat(snapshot.version()).isEqualTo(3);
    }

    @Test
    void credentialByUsername_findsOnlyExistingCredentials() {
        AccessCredential credential = new AccessCredential("crd1", VAULT, "usr1", null, new byte[32], NOW);
        StoreSnapshot store = new StoreSnapshot(1, vaults(), List.of(credential), List.of(), List.of(),
                Optional.empty());

        ConfigSnapshot snapshot = new ConfigSnapshot(store);

        assertThat(snapshot.credentialByUsername("usr1")).contains(credential);
        assertThat(snapshot.credentialByUsername("usr2")).isEmpty();
    }

    private static ConfigSnapshot snapshot(StoredCertificate... certificates) {
        return new ConfigSnapshot(new StoreSnapshot(1, vaults(), List.of(), List.of(), List.of(certificates),
                Optional.empty()));
    }

    private static List<Vault> vaults() {
        return List.of(new Vault(VAULT, "a", NOW), new Vault(OTHER_VAULT, "b", NOW));
    }

    private static StoredCertificate certificate(String id, String credentialId, Instant notBefore, Instant notAfter,
                                                 Instant createdAt) {
        return new StoredCertificate(id, VAULT, ProxyType.OUTBOUND, credentialId, null, id, "PEM", new byte[1],
                "CN=" + id, "CN=ca", "01", "AA", notBefore, notAfter, "EC", 256, List.of(), 1, createdAt);
    }

    private static Duration days(int days) {
        return Duration.ofDays(days);
    }
}
