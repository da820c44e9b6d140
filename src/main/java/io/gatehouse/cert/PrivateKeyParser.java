package io.gatehouse.cert;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads one PEM private key of a supported kind: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}), the last two
 * also in OpenSSL's traditional encrypted form ({@code Proc-Type: 4,ENCRYPTED}). An {@code EC PARAMETERS} block, as
 * {@code openssl ecparam -genkey} writes, is skipped. Failures are INVALID_PRIVATE_KEY, PASSPHRASE_REQUIRED or
 * WRONG_PASSPHRASE; messages never quote the key or the passphrase.
 */
final class PrivateKeyParser {
    private static final Set<String> KEY_LABELS = Set.of("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY",
            "EC PRIVATE KEY");
    private static final int MAX_BLOCKS = 4;

    private final PemBlocks blocks = new PemBlocks(IntakeError.INVALID_PRIVATE_KEY, "private key", MAX_BLOCKS);

    /** Parses the key; {@code passphrase} may be null or empty when the key is not encrypted. */
    PrivateKey parse(String pem, char[] passphrase) throws CertificateRejectedException {
        PemBlock block = keyBlock(blocks.split(pem));
        Object parsed = read(block);
        KeyDecryption decryption = new KeyDecryption(passphrase);
        PrivateKeyInfo info;
        if (parsed instanceof PrivateKeyInfo plain) {
            info = plain;
        } else if (parsed instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (parsed instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            info = decryption.decrypt(encrypted);
        } else if (parsed instanceof PEMEncryptedKeyPair encrypted) {
            info = decryption.decrypt(encrypted);
        } else {
            throw reject("The private key block could not be read as a private key; export it again as PEM.");
        }
        if (info == null) {
            throw reject("The private key block could not be read as a private key; export it again as PEM.");
        }
        return SupportedKeys.privateKey(info);
    }

    private static PemBlock keyBlock(List<PemBlock> all) throws CertificateRejectedException {
        List<PemBlock> keys = all.stream().filter(block -> !block.label().equals("EC PARAMETERS")).toList();
        if (keys.size() != 1) {
            throw reject("The private key field must hold exactly one private key block; it holds " + keys.size()
                    + " blocks.");
        }
        PemBlock block = keys.get(0);
        if (block.label().equals("DSA PRIVATE KEY")) {
            throw reject("The private key is DSA, which is not supported; use RSA (2048 bits or more), "
                    + "ECDSA P-256/P-384 or Ed25519.");
        }
        if (block.label().contains("CERTIFICATE")) {
            throw reject("The private key field holds a certificate; put it in the certificate field and paste "
                    + "the private key here.");
        }
        if (!KEY_LABELS.contains(block.label())) {
            throw reject("The private key block is '" + block.label() + "', which is not supported; use a PEM "
                    + "'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY' block.");
        }
        return block;
    }

    private static Object read(PemBlock block) throws CertificateRejectedException {
        try (PEMParser parser = new PEMParser(new StringReader(block.text()))) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw reject("The private key is damaged or truncated and cannot be read; export it again as PEM.");
        }
    }

    static CertificateRejectedException reject(String message) {
        return new CertificateRejectedException(IntakeError.INVALID_PRIVATE_KEY, message);
    }
}
