package io.gatehouse.cert;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a PEM certificate chain (leaf first, then intermediates in order) into X.509 certificates, exactly as
 * uploaded. Every failure is an {@link IntakeError#INVALID_CERTIFICATE}, except a chain longer than
 * {@link #MAX_CHAIN_LENGTH}, which is an {@link IntakeError#INVALID_CHAIN}. It checks form only, not trust.
 */
public final class PemChainParser {
    /** The leaf and up to nine intermediates: real chains have two or three. */
    public static final int MAX_CHAIN_LENGTH = 10;

    private static final String CERTIFICATE = "CERTIFICATE";

    private final PemBlocks blocks = new PemBlocks(IntakeError.INVALID_CERTIFICATE, "certificate",
            MAX_CHAIN_LENGTH);

    /** Parses the chain; the result is never empty. */
    public List<X509Certificate> parse(String pem) throws CertificateRejectedException {
        List<X509Certificate> chain = new ArrayList<>();
        for (PemBlock block : blocks.split(pem)) {
            chain.add(certificate(block, chain.size() + 1));
        }
        return List.copyOf(chain);
    }

    private static X509Certificate certificate(PemBlock block, int position) throws CertificateRejectedException {
        if (!block.label().equals(CERTIFICATE)) {
            throw reject(block.label().contains("KEY")
                    ? "The certificate field holds a private key; put it in the private key field and paste the "
                    + "'BEGIN CERTIFICATE' block here."
                    : "The certificate field holds a '" + block.label() + "' block; only 'BEGIN CERTIFICATE' "
                    + "blocks are accepted.");
        }
        if (!block.headers().isEmpty()) {
            throw reject("Certificate " + position + " has PEM headers; remove the lines with ':' inside the block.");
        }
        return decode(block.content(), position);
    }

    /** Decodes one DER certificate, refusing trailing bytes so that what is stored is exactly what was sent. */
    static X509Certificate decode(byte[] der, int position) throws CertificateRejectedException {
        requireNonNull(der, "der");
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            if (certificate == null || certificate.getEncoded().length != der.length) {
                throw reject("Certificate " + position + " has extra bytes after it; export it again.");
            }
            return certificate;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw reject("Certificate " + position + " is not a valid X.509 certificate (damaged or truncated); "
                    + "export it again as PEM.");
        }
    }

    private static CertificateRejectedException reject(String message) {
        return new CertificateRejectedException(IntakeError.INVALID_CERTIFICATE, message);
    }
}
