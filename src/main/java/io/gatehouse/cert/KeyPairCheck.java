package io.gatehouse.cert;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Proves that a private key belongs to a leaf certificate by signing fresh random data with the key and verifying
 * the signature with the certificate's public key: comparing public parts alone would not catch a key whose
 * private half is damaged. A mismatch is KEY_CERT_MISMATCH.
 */
final class KeyPairCheck {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CHALLENGE_BYTES = 32;

    private KeyPairCheck() {
    }

    static void requireMatch(PrivateKey privateKey, X509Certificate leaf, SupportedKeys.KeyKind leafKind)
            throws CertificateRejectedException {
        if (!sameAlgorithm(privateKey, leaf)) {
            throw mismatch("The private key is of another kind than the certificate's key; upload the key that "
                    + "was generated with this certificate's request.");
        }
        byte[] challenge = new byte[CHALLENGE_BYTES];
        RANDOM.nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(leafKind.signatureAlgorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(leafKind.signatureAlgorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // Fall through: a key that cannot sign for this certificate does not belong to it.
        }
        throw mismatch("The private key does not belong to the certificate (a signature made with it does not "
                + "verify with the certificate's public key); upload the matching key.");
    }

    private static boolean sameAlgorithm(PrivateKey privateKey, X509Certificate leaf) {
        PrivateKeyInfo key = PrivateKeyInfo.getInstance(privateKey.getEncoded());
        SubjectPublicKeyInfo certificateKey = SubjectPublicKeyInfo.getInstance(leaf.getPublicKey().getEncoded());
        return key.getPrivateKeyAlgorithm().getAlgorithm().equals(certificateKey.getAlgorithm().getAlgorithm())
                && Arrays.equals(encoded(key.getPrivateKeyAlgorithm().getParameters()),
                encoded(certificateKey.getAlgorithm().getParameters()));
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Encodable parameters) {
        try {
            return parameters == null ? new byte[0] : parameters.toASN1Primitive().getEncoded();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    private static CertificateRejectedException mismatch(String message) {
        return new CertificateRejectedException(IntakeError.KEY_CERT_MISMATCH, message);
    }
}
