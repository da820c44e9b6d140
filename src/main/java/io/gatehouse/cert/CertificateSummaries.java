package io.gatehouse.cert;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Builds the {@link CertificateSummary} of a chain (leaf first). Formats follow openssl so that operators can
 * compare with {@code openssl x509 -noout -subject -serial -fingerprint -sha256}: the serial number is uppercase hex
 * of an even number of digits; the fingerprint is uppercase hex with colons over the DER encoding; subject and
 * signer are RFC 2253 names. The common name is the first CN of the subject, or null. The key size of an Ed25519
 * key is 255, the bit length of its field prime (openssl prints 253, the group order's; neither is a "strength").
 */
public final class CertificateSummaries {
    private CertificateSummaries() {
    }

    /** Summarizes a chain whose leaf has a supported key kind. */
    public static CertificateSummary summarize(List<X509Certificate> chain) throws CertificateRejectedException {
        requireNonNull(chain, "chain");
        X509Certificate leaf = chain.get(0);
        SupportedKeys.KeyKind kind = SupportedKeys.requireSupported(leaf.getPublicKey());
        return new CertificateSummary(
                commonName(leaf),
                leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(),
                serialNumber(leaf.getSerialNumber()),
                sha256Fingerprint(leaf),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                kind.summaryName,
                SupportedKeys.bits(leaf.getPublicKey(), kind),
                SubjectAltNames.of(leaf),
                chain.size());
    }

    /** Uppercase hex padded to whole bytes, as {@code openssl x509 -serial} prints it; negative ones get a '-'. */
    static String serialNumber(BigInteger serial) {
        String hex = serial.abs().toString(16).toUpperCase(Locale.ROOT);
        String padded = hex.length() % 2 == 0 ? hex : "0" + hex;
        return serial.signum() < 0 ? "-" + padded : padded;
    }

    static String sha256Fingerprint(X509Certificate certificate) throws CertificateRejectedException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new CertificateRejectedException(IntakeError.INVALID_CERTIFICATE,
                    "The certificate cannot be encoded; export it again.");
        }
    }

    private static String commonName(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
            if (rdn.getFirst().getValue() instanceof ASN1String value) {
                return value.getString();
            }
        }
        return null;
    }
}
