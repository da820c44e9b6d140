package io.gatehouse.testing;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made while a test runs, in the spirit of Netty's pkitesting: it issues client, server and
 * intermediate certificates of any {@link KeyKind}, with any validity and extended key usage.
 *
 * <pre>{@code
 * TestCa ca = TestCa.create("Partner Test CA");
 * IssuedCertificate client = ca.leaf("payments-client").keyKind(KeyKind.EC_P256).issue();
 * }</pre>
 */
public final class TestCa {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final List<X509Certificate> chainAboveLeaf;

    private TestCa(KeyPair keyPair, X509Certificate certificate, List<X509Certificate> chainAboveLeaf) {
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.chainAboveLeaf = chainAboveLeaf;
    }

    /** A self-signed root with an EC P-256 key. */
    public static TestCa create(String commonName) {
        KeyPair keys = KeyKind.EC_P256.generate();
        X509Certificate root = build(commonName, keys, commonName, keys.getPrivate(), KeyKind.EC_P256,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)), true,
                null, List.of(), List.of());
        return new TestCa(keys, root, List.of());
    }

    /** An intermediate CA under this one; its leaves carry the intermediate in their chain. */
    public TestCa intermediate(String commonName) {
        KeyPair keys = KeyKind.EC_P256.generate();
        X509Certificate cert = build(commonName, keys, subjectCn(), keyPair.getPrivate(), KeyKind.EC_P256,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1825)), true,
                null, List.of(), List.of());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.addAll(chainAboveLeaf);
        return new TestCa(keys, cert, List.copyOf(chain));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    public String certificatePem() {
        return Pem.of(certificate);
    }

    /** Starts a leaf: by default RSA 2048, valid from a day ago for a year, EKU clientAuth and serverAuth. */
    public LeafBuilder leaf(String commonName) {
        return new LeafBuilder(commonName);
    }

    private String subjectCn() {
        return certificate.getSubjectX500Principal().getName().replaceFirst("^CN=([^,]*).*$", "$1");
    }

    /** Options of one leaf certificate. */
    public final class LeafBuilder {
        private final String commonName;
        private KeyKind keyKind = KeyKind.RSA_2048;
        private KeyPair keyPair;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private List<KeyPurposeId> extendedKeyUsages = List.of(KeyPurposeId.id_kp_clientAuth,
                KeyPurposeId.id_kp_serverAuth);
        private final List<String> dnsNames = new ArrayList<>();
        private final List<String> ipAddresses = new ArrayList<>();

        private LeafBuilder(String commonName) {
            this.commonName = commonName;
        }

        public LeafBuilder keyKind(KeyKind kind) {
            this.keyKind = kind;
            return this;
        }

        /** Uses this key pair instead of generating one (its kind must match {@link #keyKind}). */
        public LeafBuilder keyPair(KeyPair pair) {
            this.keyPair = pair;
            return this;
        }

        public LeafBuilder validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        /** Extended key usages; none at all leaves the extension out. */
        public LeafBuilder extendedKeyUsages(KeyPurposeId... usages) {
            this.extendedKeyUsages = List.of(usages);
            return this;
        }

        public LeafBuilder serverOnly() {
            return extendedKeyUsages(KeyPurposeId.id_kp_serverAuth);
        }

        public LeafBuilder dnsName(String name) {
            dnsNames.add(name);
            return this;
        }

        public LeafBuilder ipAddress(String address) {
            ipAddresses.add(address);
            return this;
        }

        public IssuedCertificate issue() {
            KeyPair keys = keyPair != null ? keyPair : keyKind.generate();
            X509Certificate leaf = build(commonName, keys, subjectCn(), TestCa.this.keyPair.getPrivate(),
                    KeyKind.EC_P256, notBefore, notAfter, false, extendedKeyUsages, dnsNames, ipAddresses);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(leaf);
            chain.addAll(chainAboveLeaf);
            return new IssuedCertificate(leaf, keys.getPrivate(), List.copyOf(chain));
        }
    }

    private static X509Certificate build(String subjectCn, KeyPair subjectKeys, String issuerCn, PrivateKey issuerKey,
                                         KeyKind issuerKind, Instant notBefore, Instant notAfter, boolean isCa,
                                         List<KeyPurposeId> ekus, List<String> dnsNames, List<String> ips) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name("CN=" + issuerCn), new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + subjectCn),
                    subjectKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            }
            if (ekus != null && !ekus.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(ekus.toArray(KeyPurposeId[]::new)));
            }
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
            for (String ip : ips) {
                names.add(new GeneralName(GeneralName.iPAddress, InetAddress.getByName(ip).getHostAddress()));
            }
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(issuerKind.signatureAlgorithm()).build(issuerKey)));
        } catch (GeneralSecurityException | UnknownHostException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException(e);
        }
    }
}
