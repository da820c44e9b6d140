package io.gatehouse.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatehouse.cert.CertificateStatus;
import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.AuditEvent;
import io.gatehouse.store.Route;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.store.Vault;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the admin API answers with, one record per resource. These are the only shapes that leave the API, so a
 * field that is not here (a password hash, a sealed key, a route's CA text) is never shown.
 */
public final class JsonViews {
    private JsonViews() {
    }

    /** A list answer, {@code {"items": [...]}}. */
    public record Items<T>(List<T> items) {
    }

    /** An error answer, {@code {"error": {"code": ..., "message": ...}}}. */
    public record ErrorBody(ErrorDetail error) {
        static ErrorBody of(String code, String message) {
            return new ErrorBody(new ErrorDetail(code, message));
        }
    }

    /** The inside of an error answer. */
    public record ErrorDetail(String code, String message) {
    }

    /** A vault. */
    public record VaultView(String id, String name, Instant createdAt) {
        static VaultView of(Vault vault) {
            return new VaultView(vault.id(), vault.name(), vault.createdAt());
        }
    }

    /** An access credential; {@code password} only in the answer to its creation. */
    public record CredentialView(String id, String username, String description, Instant createdAt,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String password) {
        static CredentialView of(AccessCredential credential) {
            return new CredentialView(credential.id(), credential.username(), credential.description(),
                    credential.createdAt(), null);
        }

        static CredentialView created(AccessCredential credential, String password) {
            return new CredentialView(credential.id(), credential.username(), credential.description(),
                    credential.createdAt(), password);
        }

        @Override
        public String toString() {
            return "CredentialView[id=" + id + ", username=" + username + "]";
        }
    }

    /** A route. */
    public record RouteView(String id, String pathPrefix, String upstream, String description, boolean hasUpstreamCa,
                            Instant createdAt) {
        static RouteView of(Route route) {
            return new RouteView(route.id(), route.pathPrefix(), route.upstream(), route.description(),
                    route.hasUpstreamCa(), route.createdAt());
        }
    }

    /** A certificate as the API shows it: its summary, where it is attached and whether it is in use. Never the key. */
    public record CertificateView(String id, String description, String proxyType,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String credentialId,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String routeId,
                                  String subject, String signer, String serialNumber, String sha256Fingerprint,
                                  Instant notBefore, Instant notAfter, String keyAlgorithm, int keySize,
                                  List<String> subjectAltNames, int chainLength, Instant createdAt,
                                  CertificateStatus status, boolean inUse) {
        static CertificateView of(StoredCertificate c, Instant now, boolean inUse) {
            return new CertificateView(c.id(), c.description(), c.proxyType().name(), c.credentialId(),
                    c.routeId(), c.subject(), c.signer(), c.serialNumber(), c.sha256Fingerprint(), c.notBefore(),
                    c.notAfter(), c.keyAlgorithm(), c.keySize(), c.subjectAltNames(), c.chainLength(),
                    c.createdAt(), CertificateStatus.at(c.notBefore(), c.notAfter(), now), inUse);
        }
    }

    /** One audit entry. */
    public record AuditView(long sequence, String actor, String action, String objectType, String objectId,
                            Instant at) {
        static AuditView of(AuditEvent event) {
            return new AuditView(event.sequence(), event.actor(), event.action(), event.objectType(),
                    event.objectId(), event.at());
        }
    }

    /** The answer of {@code /healthz}. */
    public record Health(String status, long configVersion,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }
}
