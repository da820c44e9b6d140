package io.gatehouse.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The kinds of key tests make certificates with, supported or not. */
public enum KeyKind {
    RSA_2048("RSA", "SHA256withRSA"),
    RSA_1024("RSA", "SHA256withRSA"),
    EC_P256("EC", "SHA256withECDSA"),
    EC_P384("EC", "SHA384withECDSA"),
    ED25519("Ed25519", "Ed25519"),
    DSA_2048("DSA", "SHA256withDSA");

    private final String algorithm;
    private final String signatureAlgorithm;

    KeyKind(String algorithm, String signatureAlgorithm) {
        this.algorithm = algorithm;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            switch (this) {
                case RSA_2048, DSA_2048 -> generator.initialize(2048);
                case RSA_1024 -> generator.initialize(1024);
                case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
                case EC_P384 -> generator.initialize(new ECGenParameterSpec("secp384r1"));
                case ED25519 -> { }
                default -> throw new IllegalStateException(name());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
