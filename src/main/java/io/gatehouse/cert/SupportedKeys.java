package io.gatehouse.cert;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The key kinds Gatehouse accepts, for private keys and for the keys certificates carry: RSA of 2048 to 16384 bits,
 * ECDSA on P-256 or P-384 (named curves only) and Ed25519. Kinds are recognised by their ASN.1 algorithm
 * identifier, never by a provider's algorithm name. Private keys come out as JDK key objects.
 */
final class SupportedKeys {
    static final int MIN_RSA_BITS = 2048;
    /** Bigger moduli only make every handshake slow; no public CA issues them. */
    static final int MAX_RSA_BITS = 16384;
    /** Ed25519 keys are points on a curve over a 255-bit prime field. */
    static final int ED25519_BITS = 255;

    private SupportedKeys() {
    }

    /** Turns a decoded private key into a JDK key of a supported kind, or refuses it as INVALID_PRIVATE_KEY. */
    static PrivateKey privateKey(PrivateKeyInfo info) throws CertificateRejectedException {
        KeyKind kind = kind(info.getPrivateKeyAlgorithm(), IntakeError.INVALID_PRIVATE_KEY, "private key");
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(kind.jdkName).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new CertificateRejectedException(IntakeError.INVALID_PRIVATE_KEY,
                    "The private key is damaged and cannot be read; export it again.");
        }
        requireRsaSize(key, IntakeError.INVALID_PRIVATE_KEY, "private key");
        return key;
    }

    /** Refuses, as INVALID_CERTIFICATE, a certificate whose own key is of an unsupported kind. */
    static KeyKind requireSupported(PublicKey key) throws CertificateRejectedException {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        KeyKind kind = kind(info.getAlgorithm(), IntakeError.INVALID_CERTIFICATE, "certificate's key");
        requireRsaSize(key, IntakeError.INVALID_CERTIFICATE, "certificate's key");
        return kind;
    }

    /** The key size the summary shows: RSA modulus bits, EC field bits, 255 for Ed25519. */
    static int bits(PublicKey key, KeyKind kind) {
        return switch (kind) {
            case RSA -> ((RSAKey) key).getModulus().bitLength();
            case EC_P256 -> 256;
            case EC_P384 -> 384;
            case ED25519 -> ED25519_BITS;
        };
    }

    private static KeyKind kind(AlgorithmIdentifier algorithm, IntakeError error, String what)
            throws CertificateRejectedException {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return KeyKind.RSA;
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return KeyKind.ED25519;
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return curve(algorithm.getParameters(), error, what);
        }
        String name = oid.equals(X9ObjectIdentifiers.id_dsa) ? "DSA" : "algorithm " + oid.getId();
        throw new CertificateRejectedException(error, "The " + what + " is " + name + ", which is not supported; "
                + "use RSA (2048 bits or more), ECDSA P-256/P-384 or Ed25519.");
    }

    private static KeyKind curve(ASN1Encodable parameters, IntakeError error, String what)
            throws CertificateRejectedException {
        // SEC1 keys carry the curve wrapped in X9.62 parameters; compare the underlying ASN.1 object.
        ASN1Primitive curve = parameters == null ? null : parameters.toASN1Primitive();
        if (SECObjectIdentifiers.secp256r1.equals(curve)) {
            return KeyKind.EC_P256;
        }
        if (SECObjectIdentifiers.secp384r1.equals(curve)) {
            return KeyKind.EC_P384;
        }
        throw new CertificateRejectedException(error, "The " + what + " is on an unsupported elliptic curve; "
                + "use the named curve P-256 (prime256v1) or P-384 (secp384r1).");
    }

    private static void requireRsaSize(java.security.Key key, IntakeError error, String what)
            throws CertificateRejectedException {
        if (key instanceof RSAKey rsa) {
            BigInteger modulus = rsa.getModulus();
            int bits = modulus.bitLength();
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw new CertificateRejectedException(error, "The " + what + " is RSA with " + bits + " bits; "
                        + "use an RSA key of 2048 to 16384 bits, or an EC or Ed25519 key.");
            }
        }
    }

    /** A supported kind, with the JDK algorithm that reads it and the one that signs with it. */
    enum KeyKind {
        RSA("RSA", "RSA", "SHA256withRSA"),
        EC_P256("EC", "EC", "SHA256withECDSA"),
        EC_P384("EC", "EC", "SHA256withECDSA"),
        ED25519("Ed25519", "Ed25519", "Ed25519");

        final String summaryName;
        final String jdkName;
        final String signatureAlgorithm;

        KeyKind(String summaryName, String jdkName, String signatureAlgorithm) {
            this.summaryName = summaryName;
            this.jdkName = jdkName;
            this.signatureAlgorithm = signatureAlgorithm;
        }
    }
}
