package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.admin.CertificateUpload.Target;
import io.gatehouse.admin.JsonViews.CertificateView;
import io.gatehouse.admin.JsonViews.Items;
import io.gatehouse.cert.CertificateRejectedException;
import io.gatehouse.cert.CertificateSummary;
import io.gatehouse.cert.ParsedCertificate;
import io.gatehouse.config.ConfigSnapshot;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.secret.KeySealer;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.store.Vault;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;

/**
 * Certificates of a vault. An upload is checked whole (target, certificate, key, chain) before anything is stored;
 * the key is sealed under the master key, bound to the certificate's id, and never shown again.
 *
 * <pre>{@code
 * curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
 *      -d '{"proxyType":"OUTBOUND","credentialId":"crd123","certificate":"-----BEGIN CERTIFICATE-----\n...",
 *           "privateKey":"-----BEGIN PRIVATE KEY-----\n..."}' \
 *      http://127.0.0.1:9090/api/v1/vaults/tntab12cd34/certificates
 * curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:9090/api/v1/vaults/tntab12cd34/certificates/crt123
 * curl -H "Authorization: Bearer $TOKEN" -X DELETE \
 *      http://127.0.0.1:9090/api/v1/vaults/tntab12cd34/certificates/crt123
 * }</pre>
 */
final class CertificateEndpoints {
    private final GatehouseStore store;
    private final LiveConfig liveConfig;
    private final KeySealer sealer;
    private final CertificateUpload upload;
    private final ObjectMapper mapper;
    private final Clock clock;

    CertificateEndpoints(GatehouseStore store, LiveConfig liveConfig, KeySealer sealer, CertificateUpload upload,
                         ObjectMapper mapper, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.liveConfig = requireNonNull(liveConfig, "liveConfig");
        this.sealer = requireNonNull(sealer, "sealer");
        this.upload = requireNonNull(upload, "upload");
        this.mapper = requireNonNull(mapper, "mapper");
        this.clock = requireNonNull(clock, "clock");
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/vaults/{vaultId}/certificates", this::create);
        routes.get("/api/v1/vaults/{vaultId}/certificates", this::list);
        routes.get("/api/v1/vaults/{vaultId}/certificates/{id}", this::show);
        routes.delete("/api/v1/vaults/{vaultId}/certificates/{id}", this::delete);
    }

    private void create(Context ctx) throws CertificateRejectedException {
        Vault vault = VaultEndpoints.requireVault(store, ctx);
        JsonRequest request = JsonRequest.read(ctx, mapper);
        Target target = upload.target(vault.id(), request);
        String description = CredentialEndpoints.description(request);
        ParsedCertificate parsed = upload.parse(request);
        String id = store.newCertificateId();
        StoredCertificate stored = store.insertCertificate(
                toStored(id, vault.id(), target, description, parsed), VaultEndpoints.ACTOR);
        ConfigSnapshot config = liveConfig.refresh();
        ctx.status(201).json(view(stored, config));
    }

    private void list(Context ctx) {
        Vault vault = VaultEndpoints.requireVault(store, ctx);
        ConfigSnapshot config = liveConfig.current();
        ctx.json(new Items<>(store.listCertificates(vault.id()).stream().map(c -> view(c, config)).toList()));
    }

    private void show(Context ctx) {
        ctx.json(view(requireCertificate(ctx), liveConfig.current()));
    }

    private void delete(Context ctx) {
        StoredCertificate certificate = requireCertificate(ctx);
        if (!store.deleteCertificate(certificate.vaultId(), certificate.id(), VaultEndpoints.ACTOR)) {
            throw unknownCertificate(certificate.vaultId(), certificate.id());
        }
        liveConfig.refresh();
        ctx.status(204);
    }

    private StoredCertificate toStored(String id, String vaultId, Target target, String description,
                                       ParsedCertificate parsed) {
        CertificateSummary s = parsed.summary();
        String shown = description != null ? description : s.commonName() != null ? s.commonName() : s.subject();
        return new StoredCertificate(id, vaultId, target.proxyType(), target.credentialId(), target.routeId(),
                shown, ChainPem.of(parsed.chain()), sealer.sealPrivateKey(parsed.privateKey(), id), s.subject(),
                s.signer(), s.serialNumber(), s.sha256Fingerprint(), s.notBefore(), s.notAfter(), s.keyAlgorithm(),
                s.keySize(), s.subjectAltNames(), s.chainLength(), clock.instant());
    }

    private CertificateView view(StoredCertificate certificate, ConfigSnapshot config) {
        Instant now = clock.instant();
        return CertificateView.of(certificate, now, config.isInUse(certificate, now));
    }

    private StoredCertificate requireCertificate(Context ctx) {
        Vault vault = VaultEndpoints.requireVault(store, ctx);
        String id = ctx.pathParam("id");
        return store.findCertificate(vault.id(), id).orElseThrow(() -> unknownCertificate(vault.id(), id));
    }

    private static ApiException unknownCertificate(String vaultId, String id) {
        return ApiException.notFound("UNKNOWN_CERTIFICATE", "Vault " + vaultId + " has no certificate " + id);
    }
}
