package io.gatehouse.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.Pem;
import io.gatehouse.testing.TestCa;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CertificateIntakeTest {
    private static final char[] PASSPHRASE = "correct horse battery".toCharArray();
    private static final List<KeyKind> SUPPORTED = List.of(KeyKind.RSA_2048, KeyKind.EC_P256, KeyKind.EC_P384,
            KeyKind.ED25519);
    private static final Map<KeyKind, IssuedCertificate> ISSUED = new EnumMap<>(KeyKind.class);

    private final CertificateIntake intake = new CertificateIntake(Clock.systemUTC());

    enum KeyFormat { PKCS8, PKCS8_ENCRYPTED, TRADITIONAL, TRADITIONAL_ENCRYPTED }

    @BeforeAll
    static void issue() {
        TestCa ca = TestCa.create("Intake Test CA").intermediate("Intake Issuing CA");
        for (KeyKind kind : SUPPORTED) {
            ISSUED.put(kind, ca.leaf("client-" + kind).keyKind(kind).dnsName("client.example.com")
                    .ipAddress("10.0.0.1").issue());
        }
    }

    static Stream<Arguments> everyKeyInEveryFormat() {
        return SUPPORTED.stream().flatMap(kind -> Stream.of(KeyFormat.values())
                // Ed25519 has no traditional OpenSSL form: openssl itself writes it as PKCS#8 only.
                .filter(format -> kind != KeyKind.ED25519 || format.ordinal() < KeyFormat.TRADITIONAL.ordinal())
                .map(format -> Arguments.of(kind, format)));
    }

    @ParameterizedTest
    @MethodSource("everyKeyInEveryFormat")
    void fromPem_supportedKeyInEachFormat_isAccepted(KeyKind kind, KeyFormat format) throws Exception {
        IssuedCertificate issued = ISSUED.get(kind);
        String keyPem = switch (format) {
            case PKCS8 -> Pem.pkcs8(issued.privateKey());
            case PKCS8_ENCRYPTED -> Pem.pkcs8Encrypted(issued.privateKey(), PASSPHRASE);
            case TRADITIONAL -> Pem.traditional(issued.privateKey());
            case TRADITIONAL_ENCRYPTED -> Pem.traditionalEncrypted(issued.privateKey(), PASSPHRASE);
        };
        char[] passphrase = format == KeyFormat.PKCS8_ENCRYPTED || format == KeyFormat.TRADITIONAL_ENCRYPTED
                ? PASSPHRASE.clone() : null;

        ParsedCertificate parsed = intake.fromPem(issued.chainPem(), keyPem, passphrase);

        assertThat(parsed.chain()).containsExactlyElementsOf(issued.chain());
        assertThat(secret(parsed.privateKey())).isEqualTo(secret(issued.privateKey()));
        assertSummary(parsed.summary(), issued, kind);
    }

    @Test
    void fromPem_traditionalFormats_haveTheirOpenSslLabels() {
        IssuedCertificate rsa = ISSUED.get(KeyKind.RSA_2048);
        IssuedCertificate ec = ISSUED.get(KeyKind.EC_P256);

        assertThat(Pem.traditional(rsa.privateKey())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Pem.traditional(ec.privateKey())).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(Pem.traditionalEncrypted(ec.privateKey(), PASSPHRASE)).contains("Proc-Type: 4,ENCRYPTED");
        assertThat(Pem.pkcs8Encrypted(ec.privateKey(), PASSPHRASE)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY");
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA_2048", "EC_P256", "EC_P384", "ED25519"})
    void fromPkcs12_supportedKey_isAcceptedWithItsChain(KeyKind kind) throws Exception {
        IssuedCertificate issued = ISSUED.get(kind);

        ParsedCertificate parsed = intake.fromPkcs12(Pem.pkcs12(issued, PASSPHRASE), PASSPHRASE.clone());

        assertThat(parsed.chain()).containsExactlyElementsOf(issued.chain());
        assertThat(secret(parsed.privateKey())).isEqualTo(secret(issued.privateKey()));
        assertSummary(parsed.summary(), issued, kind);
    }

    @Test
    void fromPkcs12_emptyPasswordBundleWithoutPassphrase_isAccepted() throws Exception {
        IssuedCertificate issued = ISSUED.get(KeyKind.EC_P256);

        ParsedCertificate parsed = intake.fromPkcs12(Pem.pkcs12(issued, new char[0]), null);

        assertThat(parsed.summary().commonName()).isEqualTo("client-EC_P256");
    }

    @Test
    void fromPem_leafAlone_isAcceptedWithChainLengthOne() throws Exception {
        IssuedCertificate issued = ISSUED.get(KeyKind.EC_P384);

        ParsedCertificate parsed = intake.fromPem(issued.certificatePem(), issued.privateKeyPem(), null);

        assertThat(parsed.chain()).containsExactly(issued.certificate());
        assertThat(parsed.summary().chainLength()).isEqualTo(1);
    }

    @Test
    void fromPem_notYetValid_isAcceptedAsScheduled() throws Exception {
        Instant from = Instant.now().plus(Duration.ofDays(10));
        IssuedCertificate future = TestCa.create("CA").leaf("later").keyKind(KeyKind.EC_P256)
                .validity(from, from.plus(Duration.ofDays(90))).issue();

        ParsedCertificate parsed = intake.fromPem(future.chainPem(), future.privateKeyPem(), null);

        assertThat(CertificateStatus.at(parsed.summary().notBefore(), parsed.summary().notAfter(), Instant.now()))
                .isEqualTo(CertificateStatus.SCHEDULED);
    }

    @Test
    void fromPem_noExtendedKeyUsage_isAccepted() throws Exception {
        IssuedCertificate any = TestCa.create("CA").leaf("no-eku").keyKind(KeyKind.EC_P256).extendedKeyUsages()
                .issue();

        assertThat(intake.fromPem(any.chainPem(), any.privateKeyPem(), null).summary().commonName())
                .isEqualTo("no-eku");
    }

    @Test
    void fromPem_anyExtendedKeyUsage_isAccepted() throws Exception {
        IssuedCertificate any = TestCa.create("CA").leaf("any-eku").keyKind(KeyKind.EC_P256)
                .extendedKeyUsages(org.bouncycastle.asn1.x509.KeyPurposeId.anyExtendedKeyUsage).issue();

        assertThat(intake.fromPem(any.chainPem(), any.privateKeyPem(), null).summary().commonName())
                .isEqualTo("any-eku");
    }

    @Test
    void fromPem_explanatoryTextBeforeBlocks_isAccepted() throws Exception {
        IssuedCertificate issued = ISSUED.get(KeyKind.EC_P256);
        String withBagAttributes = "Bag Attributes\n    localKeyID: 01 02\nsubject=CN = client\n"
                + issued.certificatePem().replace("\n", "\r\n");

        ParsedCertificate parsed = intake.fromPem(withBagAttributes, "\uFEFF" + issued.privateKeyPem(), null);

        assertThat(parsed.leaf()).isEqualTo(issued.certificate());
    }

    @Test
    void chainPem_ofAcceptedUpload_reEncodesTheChainExactly() throws Exception {
        IssuedCertificate issued = ISSUED.get(KeyKind.RSA_2048);
        ParsedCertificate parsed = intake.fromPem(issued.chainPem(), issued.privateKeyPem(), null);

        String stored = parsed.chainPem();

        assertThat(new PemChainParser().parse(stored)).containsExactlyElementsOf(issued.chain());
        assertThat(stored).isEqualTo(PemWriting.chainPem(issued.chain()));
        assertThat(stored.lines().filter(line -> !line.startsWith("-----"))).allMatch(line -> line.length() <= 64);
    }

    @Test
    void toString_ofAcceptedUpload_masksTheKey() throws Exception {
        IssuedCertificate issued = ISSUED.get(KeyKind.EC_P256);

        ParsedCertificate parsed = intake.fromPem(issued.chainPem(), issued.privateKeyPem(), null);

        assertThat(parsed.toString()).contains("key=****").doesNotContain(parsed.privateKey().toString());
    }

    private static void assertSummary(CertificateSummary summary, IssuedCertificate issued, KeyKind kind) {
        assertThat(summary.commonName()).isEqualTo("client-" + kind);
        assertThat(summary.subject()).isEqualTo("CN=client-" + kind);
        assertThat(summary.signer()).isEqualTo("CN=Intake Issuing CA");
        assertThat(summary.serialNumber()).isEqualTo(expectedSerial(issued.certificate().getSerialNumber()));
        assertThat(summary.sha256Fingerprint()).isEqualTo(issued.sha256Fingerprint());
        assertThat(summary.notBefore()).isEqualTo(issued.certificate().getNotBefore().toInstant());
        assertThat(summary.notAfter()).isEqualTo(issued.certificate().getNotAfter().toInstant());
        assertThat(summary.subjectAltNames()).containsExactly("DNS:client.example.com", "IP:10.0.0.1");
        assertThat(summary.chainLength()).isEqualTo(2);
        switch (kind) {
            case RSA_2048 -> assertThat(summary).extracting(CertificateSummary::keyAlgorithm,
                    CertificateSummary::keySize).containsExactly("RSA",
                    ((RSAKey) issued.privateKey()).getModulus().bitLength());
            case EC_P256, EC_P384 -> assertThat(summary).extracting(CertificateSummary::keyAlgorithm,
                    CertificateSummary::keySize).containsExactly("EC",
                    ((ECKey) issued.privateKey()).getParams().getCurve().getField().getFieldSize());
            default -> assertThat(summary).extracting(CertificateSummary::keyAlgorithm,
                    CertificateSummary::keySize).containsExactly("Ed25519", 255);
        }
    }

    /** The private value of a key, which encodings of the same key (with or without the curve inside) share. */
    private static Object secret(PrivateKey key) {
        if (key instanceof RSAPrivateKey rsa) {
            return rsa.getPrivateExponent();
        }
        if (key instanceof ECPrivateKey ec) {
            return ec.getS();
        }
        return ((EdECPrivateKey) key).getBytes().orElseThrow();
    }

    /** The serial from its DER bytes, as openssl prints it, independently of the code under test. */
    private static String expectedSerial(BigInteger serial) {
        byte[] bytes = serial.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        StringBuilder hex = new StringBuilder();
        for (int i = start; i < bytes.length; i++) {
            hex.append(String.format(Locale.ROOT, "%02X", bytes[i]));
        }
        return hex.toString();
    }
}
