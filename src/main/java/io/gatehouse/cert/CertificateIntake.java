package io.gatehouse.cert;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * Accepts or refuses an uploaded client certificate: a PEM chain with a PEM private key, or a PKCS#12 bundle. An
 * accepted upload has a leaf of a supported key kind that has not expired, allows clientAuth, is proved by a
 * signature to belong to the private key, and is followed by intermediates that chain to it in order. Every refusal
 * is a {@link CertificateRejectedException} with exactly one {@link IntakeError}, also for hostile input: nothing
 * else escapes, and input is bounded (1 MiB per field, {@value PemChainParser#MAX_CHAIN_LENGTH} certificates) so
 * that refusing takes little time. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * ParsedCertificate accepted = new CertificateIntake(Clock.systemUTC()).fromPem(chainPem, keyPem, null);
 * }</pre>
 */
public final class CertificateIntake {
    private final PemChainParser chainParser = new PemChainParser();
    private final PrivateKeyParser keyParser = new PrivateKeyParser();
    private final Pkcs12Reader pkcs12Reader = new Pkcs12Reader();
    private final ClientCertificateCheck clientCheck;

    public CertificateIntake(Clock clock) {
        this.clientCheck = new ClientCertificateCheck(requireNonNull(clock, "clock"));
    }

    /**
     * Accepts a PEM certificate (leaf first, optional intermediates in order) and a PEM private key (PKCS#1,
     * PKCS#8 plain or encrypted, SEC1, or OpenSSL's traditional encrypted form). Missing fields are refused, not
     * thrown as null pointers; {@code passphrase} may be null.
     */
    public ParsedCertificate fromPem(String certificatePem, String privateKeyPem, char[] passphrase)
            throws CertificateRejectedException {
        try {
            List<X509Certificate> chain = chainParser.parse(certificatePem);
            PrivateKey key = keyParser.parse(privateKeyPem, passphrase);
            return accept(new KeyedChain(chain, key));
        } catch (RuntimeException | StackOverflowError e) {
            throw unreadable();
        }
    }

    /** Accepts a PKCS#12 bundle (raw bytes) holding one private key and its chain; {@code passphrase} may be null. */
    public ParsedCertificate fromPkcs12(byte[] pkcs12, char[] passphrase) throws CertificateRejectedException {
        try {
            return accept(pkcs12Reader.read(pkcs12, passphrase));
        } catch (RuntimeException | StackOverflowError e) {
            throw unreadable();
        }
    }

    private ParsedCertificate accept(KeyedChain upload) throws CertificateRejectedException {
        X509Certificate leaf = upload.chain().get(0);
        SupportedKeys.KeyKind leafKind = SupportedKeys.requireSupported(leaf.getPublicKey());
        KeyPairCheck.requireMatch(upload.privateKey(), leaf, leafKind);
        clientCheck.requireUsable(leaf);
        ChainCheck.requireOrdered(upload.chain());
        return new ParsedCertificate(upload.chain(), upload.privateKey(),
                CertificateSummaries.summarize(upload.chain()));
    }

    // Every parser maps its own failures; this is the last line for a library bug on input we did not foresee.
    private static CertificateRejectedException unreadable() {
        return new CertificateRejectedException(IntakeError.INVALID_CERTIFICATE,
                "The upload could not be read as a certificate and key; export them again as PEM or PKCS#12.");
    }
}
