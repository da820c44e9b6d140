package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import io.gatehouse.cert.CertificateIntake;
import io.gatehouse.cert.CertificateRejectedException;
import io.gatehouse.cert.IntakeError;
import io.gatehouse.cert.ParsedCertificate;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.ProxyType;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a certificate upload: the proxy type and its target (an access credential for {@code OUTBOUND}, a route
 * for {@code INBOUND}, of the same vault), then the certificate and key as PEM fields or a base64 PKCS#12 bundle.
 * The passphrase is held as a char array and wiped once the intake is done; no message quotes a field's value.
 */
final class CertificateUpload {
    private final GatehouseStore store;
    private final CertificateIntake intake;

    /** Where an accepted upload is attached; exactly one of the ids is set. */
    record Target(ProxyType proxyType, String credentialId, String routeId) {
    }

    CertificateUpload(GatehouseStore store, CertificateIntake intake) {
        this.store = requireNonNull(store, "store");
        this.intake = requireNonNull(intake, "intake");
    }

    Target target(String vaultId, JsonRequest request) {
        String typeText = request.optionalString("proxyType").orElse("").strip().toUpperCase(Locale.ROOT);
        Optional<String> credentialId = request.optionalString("credentialId").filter(id -> !id.isBlank());
        Optional<String> routeId = request.optionalString("routeId").filter(id -> !id.isBlank());
        if (typeText.equals("OUTBOUND")) {
            String id = exactlyOne(credentialId, routeId, "OUTBOUND", "credentialId", "routeId");
            store.findCredential(vaultId, id).orElseThrow(() -> ApiException.notFound("UNKNOWN_CREDENTIAL",
                    "Vault " + vaultId + " has no credential " + id));
            return new Target(ProxyType.OUTBOUND, id, null);
        }
        if (typeText.equals("INBOUND")) {
            String id = exactlyOne(routeId, credentialId, "INBOUND", "routeId", "credentialId");
            store.findRoute(vaultId, id).orElseThrow(() -> ApiException.notFound("UNKNOWN_ROUTE",
                    "Vault " + vaultId + " has no route " + id));
            return new Target(ProxyType.INBOUND, null, id);
        }
        throw invalidAssociation("proxyType must be OUTBOUND (with credentialId) or INBOUND (with routeId)");
    }

    ParsedCertificate parse(JsonRequest request) throws CertificateRejectedException {
        char[] passphrase = request.optionalString("passphrase").map(String::toCharArray).orElse(null);
        try {
            if (request.has("pkcs12")) {
                if (request.has("certificate") || request.has("privateKey")) {
                    throw ApiException.invalidRequest("Give either pkcs12 or certificate and privateKey, not both");
                }
                return intake.fromPkcs12(pkcs12(request), passphrase == null ? new char[0] : passphrase);
            }
            String certificate = request.optionalString("certificate").orElse("");
            if (certificate.isBlank()) {
                throw new CertificateRejectedException(IntakeError.INVALID_CERTIFICATE,
                        "Field 'certificate' is missing or empty; give the PEM certificate, leaf first");
            }
            String privateKey = request.optionalString("privateKey").orElse("");
            if (privateKey.isBlank()) {
                throw new CertificateRejectedException(IntakeError.INVALID_PRIVATE_KEY,
                        "Field 'privateKey' is missing or empty; give the PEM private key of the certificate");
            }
            return intake.fromPem(certificate, privateKey, passphrase);
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    private static byte[] pkcs12(JsonRequest request) throws CertificateRejectedException {
        try {
            return Base64.getMimeDecoder().decode(request.requiredString("pkcs12"));
        } catch (IllegalArgumentException e) {
            throw new CertificateRejectedException(IntakeError.INVALID_CERTIFICATE,
                    "Field 'pkcs12' is not base64; encode the PKCS#12 file with base64");
        }
    }

    private static String exactlyOne(Optional<String> wanted, Optional<String> other, String type, String wantedName,
                                     String otherName) {
        if (other.isPresent()) {
            throw invalidAssociation(type + " certificates attach to a " + wantedName.replace("Id", "")
                    + ", not a " + otherName.replace("Id", "") + "; give " + wantedName + " only");
        }
        return wanted.orElseThrow(() -> invalidAssociation(type + " certificates need " + wantedName));
    }

    private static ApiException invalidAssociation(String message) {
        return ApiException.badRequest("INVALID_ASSOCIATION", message);
    }
}
