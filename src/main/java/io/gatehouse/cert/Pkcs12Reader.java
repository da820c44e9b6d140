package io.gatehouse.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.crypto.BadPaddingException;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * Reads a PKCS#12 bundle holding one private key and its certificate chain, with the JDK's PKCS#12 key store.
 * A missing password is tried as the empty one first (openssl's {@code -passout pass:}); failing that the answer
 * is PASSPHRASE_REQUIRED, and a wrong password is WRONG_PASSPHRASE. The bundle's MAC iteration count is bounded
 * before the password is tried, so a hostile bundle cannot ask for minutes of CPU.
 */
final class Pkcs12Reader {
    static final int MAX_BYTES = 1024 * 1024;

    KeyedChain read(byte[] bundle, char[] passphrase) throws CertificateRejectedException {
        if (bundle == null || bundle.length == 0) {
            throw invalid("The PKCS#12 bundle is missing; send it base64-encoded in the pkcs12 field.");
        }
        if (bundle.length > MAX_BYTES) {
            throw invalid("The PKCS#12 bundle is larger than 1 MiB; export only the client certificate and its key.");
        }
        requireBoundedMac(bundle);
        boolean given = passphrase != null && passphrase.length > 0;
        char[] password = given ? passphrase : new char[0];
        KeyStore store = load(bundle, password, given);
        String alias = keyAlias(store);
        return new KeyedChain(chain(store, alias), privateKey(store, alias, password, given));
    }

    private static void requireBoundedMac(byte[] bundle) throws CertificateRejectedException {
        MacData mac;
        try {
            mac = Pfx.getInstance(ASN1Primitive.fromByteArray(bundle)).getMacData();
        } catch (IOException | RuntimeException e) {
            throw invalid("The pkcs12 field is not a PKCS#12 bundle (damaged or of another format); export it again.");
        }
        if (mac != null && mac.getIterationCount().compareTo(java.math.BigInteger.valueOf(
                EncryptionCost.MAX_ITERATIONS)) > 0) {
            throw invalid("The PKCS#12 bundle asks for more than 1,000,000 MAC iterations; export it again with "
                    + "default settings.");
        }
    }

    private static KeyStore load(byte[] bundle, char[] password, boolean given) throws CertificateRejectedException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bundle), password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || e.getCause() instanceof BadPaddingException) {
                throw passwordFailed(given);
            }
            throw invalid("The pkcs12 field is not a readable PKCS#12 bundle; export it again.");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw invalid("The pkcs12 field is not a readable PKCS#12 bundle; export it again.");
        }
    }

    private static String keyAlias(KeyStore store) throws CertificateRejectedException {
        List<String> keys = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
        } catch (GeneralSecurityException e) {
            throw invalid("The PKCS#12 bundle cannot be read; export it again.");
        }
        if (keys.isEmpty()) {
            throw new CertificateRejectedException(IntakeError.INVALID_PRIVATE_KEY,
                    "The PKCS#12 bundle holds no private key; export it with the client certificate's key.");
        }
        if (keys.size() > 1) {
            throw invalid("The PKCS#12 bundle holds " + keys.size() + " private keys; export one client "
                    + "certificate with its key.");
        }
        return keys.get(0);
    }

    private static List<X509Certificate> chain(KeyStore store, String alias) throws CertificateRejectedException {
        Certificate[] certificates;
        try {
            certificates = store.getCertificateChain(alias);
        } catch (GeneralSecurityException e) {
            certificates = null;
        }
        if (certificates == null || certificates.length == 0) {
            throw invalid("The PKCS#12 bundle holds no certificate for its private key; export it with its "
                    + "certificate.");
        }
        if (certificates.length > PemChainParser.MAX_CHAIN_LENGTH) {
            throw new CertificateRejectedException(IntakeError.INVALID_CHAIN, "The PKCS#12 bundle's chain has more "
                    + "than " + PemChainParser.MAX_CHAIN_LENGTH + " certificates; export at most that many.");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : certificates) {
            if (!(certificate instanceof X509Certificate x509)) {
                throw invalid("The PKCS#12 bundle holds a certificate that is not X.509.");
            }
            chain.add(x509);
        }
        return List.copyOf(chain);
    }

    private static PrivateKey privateKey(KeyStore store, String alias, char[] password, boolean given)
            throws CertificateRejectedException {
        Key key;
        try {
            key = store.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
            throw passwordFailed(given);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CertificateRejectedException(IntakeError.INVALID_PRIVATE_KEY,
                    "The PKCS#12 bundle's private key cannot be read; export it again.");
        }
        if (!(key instanceof PrivateKey privateKey) || key.getEncoded() == null) {
            throw new CertificateRejectedException(IntakeError.INVALID_PRIVATE_KEY,
                    "The PKCS#12 bundle's key entry is not a private key; export the client certificate's key.");
        }
        return SupportedKeys.privateKey(PrivateKeyInfo.getInstance(privateKey.getEncoded()));
    }

    private static CertificateRejectedException passwordFailed(boolean given) {
        return given
                ? new CertificateRejectedException(IntakeError.WRONG_PASSPHRASE,
                        "The password does not open the PKCS#12 bundle; check it and try again.")
                : new CertificateRejectedException(IntakeError.PASSPHRASE_REQUIRED,
                        "The PKCS#12 bundle is protected by a password; send it in the passphrase field.");
    }

    private static CertificateRejectedException invalid(String message) {
        return new CertificateRejectedException(IntakeError.INVALID_CERTIFICATE, message);
    }
}
