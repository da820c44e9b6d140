package io.gatehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemGenerationException;

/** PEM text of test objects. */
public final class Pem {
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private Pem() {
    }

    public static String of(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    public static String pkcs8(PrivateKey key) {
        try {
            return of(new JcaPKCS8Generator(key, null).generate());
        } catch (PemGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key as encrypted PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY}, PBES2 with AES-256-CBC). */
    public static String pkcs8Encrypted(PrivateKey key, char[] passphrase) {
        try {
            return of(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(BOUNCY_CASTLE).setPassword(passphrase).build()).generate());
        } catch (PemGenerationException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key in OpenSSL's traditional form: PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). */
    public static String traditional(PrivateKey key) {
        return of(asOpenSslWould(key));
    }

    /** The key in OpenSSL's traditional encrypted form ({@code Proc-Type: 4,ENCRYPTED}, AES-256-CBC). */
    public static String traditionalEncrypted(PrivateKey key, char[] passphrase) {
        try {
            return of(new JcaMiscPEMGenerator(asOpenSslWould(key),
                    new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BOUNCY_CASTLE).build(passphrase)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JDK encodes an EC key without its curve inside the SEC1 structure; BouncyCastle's key, like openssl,
     * includes it, so traditional PEM written from it names the curve.
     */
    private static PrivateKey asOpenSslWould(PrivateKey key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), BOUNCY_CASTLE)
                    .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 bundle of the certificate's key and chain, protected by {@code password}. */
    public static byte[] pkcs12(IssuedCertificate issued, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", issued.privateKey(), password,
                    issued.chain().toArray(X509Certificate[]::new));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            return bytes.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
