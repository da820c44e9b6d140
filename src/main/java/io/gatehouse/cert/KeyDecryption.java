package io.gatehouse.cert;

import java.security.Provider;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Decrypts a passphrase-protected private key. A missing (null or empty) passphrase is first tried as the empty
 * one, since some tools encrypt with it; if that fails the answer is PASSPHRASE_REQUIRED, and any failure with a
 * given passphrase is WRONG_PASSPHRASE (a wrong passphrase shows up as bad padding or as garbage that does not
 * parse, which cannot be told apart from a damaged key).
 */
final class KeyDecryption {
    /** Used directly, never registered, so that the rest of the JVM keeps its default providers. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final char[] passphrase;
    private final boolean given;

    KeyDecryption(char[] passphrase) {
        this.given = passphrase != null && passphrase.length > 0;
        this.passphrase = given ? passphrase : new char[0];
    }

    PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted) throws CertificateRejectedException {
        EncryptionCost.requireBounded(encrypted.getEncryptionAlgorithm());
        try {
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(BOUNCY_CASTLE).build(passphrase);
            return encrypted.decryptPrivateKeyInfo(decryptor);
        } catch (Exception e) {
            throw failed();
        }
    }

    PrivateKeyInfo decrypt(PEMEncryptedKeyPair encrypted) throws CertificateRejectedException {
        try {
            return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                    .setProvider(BOUNCY_CASTLE).build(passphrase)).getPrivateKeyInfo();
        } catch (Exception e) {
            throw failed();
        }
    }

    private CertificateRejectedException failed() {
        if (!given) {
            return new CertificateRejectedException(IntakeError.PASSPHRASE_REQUIRED,
                    "The private key is encrypted; send its passphrase too.");
        }
        return new CertificateRejectedException(IntakeError.WRONG_PASSPHRASE,
                "The passphrase does not decrypt the private key; check it and try again.");
    }
}
