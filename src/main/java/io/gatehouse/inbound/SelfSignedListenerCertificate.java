package io.gatehouse.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener's certificate when none is configured: a self-signed EC P-256 certificate for
 * {@code localhost}, the inbound domain and every vault name under it, and 127.0.0.1. Made on first start into
 * {@code <data-dir>/inbound-tls.crt} and {@code inbound-tls.key} (mode 0600) and reused afterwards, so callers that
 * pinned it keep working; made again only when it has expired or no longer names the inbound domain.
 */
final class SelfSignedListenerCertificate {
    static final String CERT_FILE = "inbound-tls.crt";
    static final String KEY_FILE = "inbound-tls.key";
    private static final Logger log = LoggerFactory.getLogger(SelfSignedListenerCertificate.class);
    private static final Duration VALIDITY = Duration.ofDays(825);

    private SelfSignedListenerCertificate() {
    }

    /** The certificate and key files in the data directory, made first if missing or unusable. */
    static List<Path> ensure(Path dataDir, String inboundDomain) throws IOException {
        Path certFile = dataDir.resolve(CERT_FILE);
        Path keyFile = dataDir.resolve(KEY_FILE);
        if (Files.exists(certFile) && Files.exists(keyFile) && isUsable(certFile, inboundDomain)) {
            return List.of(certFile, keyFile);
        }
        Files.createDirectories(dataDir);
        KeyPair keys = generateKeyPair();
        X509Certificate certificate = issue(keys, inboundDomain);
        writeOwnerOnly(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        writeAtomically(certFile, pem("CERTIFICATE", encoded(certificate)));
        log.info("Inbound HTTPS certificate generated into {} (self-signed; give --inbound-tls-cert and "
                + "--inbound-tls-key to use your own)", certFile.toAbsolutePath());
        return List.of(certFile, keyFile);
    }

    static Set<String> dnsNames(String inboundDomain) {
        Set<String> names = new LinkedHashSet<>();
        names.add("localhost");
        names.add("*." + inboundDomain);
        names.add(inboundDomain);
        return names;
    }

    private static boolean isUsable(Path certFile, String inboundDomain) throws IOException {
        X509Certificate certificate = readCertificate(certFile);
        try {
            certificate.checkValidity(Date.from(Instant.now().plus(Duration.ofDays(1))));
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            boolean covers = sans != null && sans.stream().anyMatch(san -> ("*." + inboundDomain).equals(san.get(1)));
            if (!covers) {
                log.warn("Inbound HTTPS certificate {} does not name *.{}; making a new one", certFile, inboundDomain);
            }
            return covers;
        } catch (GeneralSecurityException e) {
            log.warn("Inbound HTTPS certificate {} has expired or expires within a day; making a new one", certFile);
            return false;
        }
    }

    static X509Certificate readCertificate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            throw new IOException("Not a PEM certificate: " + file, e);
        }
    }

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot make EC P-256 keys", e);
        }
    }

    private static X509Certificate issue(KeyPair keys, String inboundDomain) {
        X500Name name = new X500Name("CN=Gatehouse inbound proxy (" + inboundDomain + ")");
        Instant now = Instant.now();
        List<GeneralName> sans = new ArrayList<>();
        dnsNames(inboundDomain).forEach(dns -> sans.add(new GeneralName(GeneralName.dNSName, dns)));
        sans.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        try {
            BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(sans.toArray(GeneralName[]::new)));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make the inbound HTTPS certificate", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".inbound-tls", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".inbound-tls", ".tmp");
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
