package io.gatehouse.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.Pem;
import io.gatehouse.testing.TestCa;
import java.io.ByteArrayOutputStream;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per row of the bad-input table, each asserting its single error code. */
class CertificateRejectionTest {
    private static final String PASSPHRASE = "s3cret-Passphrase";

    private static TestCa ca;
    private static IssuedCertificate client;

    private final CertificateIntake intake = new CertificateIntake(Clock.systemUTC());

    @BeforeAll
    static void issue() {
        ca = TestCa.create("Rejection Test CA");
        client = ca.leaf("client").keyKind(KeyKind.EC_P256).issue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   \n", "hello, this is not PEM", "MIIBkTCB+wIJAKHBfpegPjMCMA0GCSqGSIb3DQEBBQUA"})
    void fromPem_certificateMissingOrNotPem_isInvalidCertificate(String certificate) {
        assertRejected(() -> intake.fromPem(certificate, client.privateKeyPem(), null),
                IntakeError.INVALID_CERTIFICATE);
    }

    @Test
    void fromPem_truncatedCertificate_isInvalidCertificate() {
        String pem = client.certificatePem();

        assertRejected(() -> intake.fromPem(pem.substring(0, pem.length() / 2), client.privateKeyPem(), null),
                IntakeError.INVALID_CERTIFICATE);
    }

    @Test
    void fromPem_certificateWithBase64CutShort_isInvalidCertificate() {
        String pem = client.certificatePem();
        String body = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END"));
        String cut = "-----BEGIN CERTIFICATE-----\n" + body.substring(0, body.length() / 2).strip()
                + "\n-----END CERTIFICATE-----\n";

        assertRejected(() -> intake.fromPem(cut, client.privateKeyPem(), null), IntakeError.INVALID_CERTIFICATE);
    }

    @Test
    void fromPem_privateKeyGivenAsCertificate_isInvalidCertificate() {
        CertificateRejectedException rejected = assertRejected(
                () -> intake.fromPem(client.privateKeyPem(), client.privateKeyPem(), null),
                IntakeError.INVALID_CERTIFICATE);

        assertThat(rejected.getMessage()).contains("private key field");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"not a key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"})
    void fromPem_keyMissingOrUnparseable_isInvalidPrivateKey(String key) {
        assertRejected(() -> intake.fromPem(client.chainPem(), key, null), IntakeError.INVALID_PRIVATE_KEY);
    }

    @Test
    void fromPem_certificateGivenAsKey_isInvalidPrivateKey() {
        assertRejected(() -> intake.fromPem(client.chainPem(), client.certificatePem(), null),
                IntakeError.INVALID_PRIVATE_KEY);
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"DSA_2048", "RSA_1024"})
    void fromPem_unsupportedKeyKind_isInvalidPrivateKey(KeyKind kind) {
        IssuedCertificate weak = ca.leaf("weak").keyKind(kind).issue();

        assertRejected(() -> intake.fromPem(weak.chainPem(), weak.privateKeyPem(), null),
                IntakeError.INVALID_PRIVATE_KEY);
    }

    @Test
    void fromPem_ecKeyOnP521_isInvalidPrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        IssuedCertificate p521 = ca.leaf("p521").keyPair(generator.generateKeyPair()).issue();

        assertRejected(() -> intake.fromPem(p521.chainPem(), p521.privateKeyPem(), null),
                IntakeError.INVALID_PRIVATE_KEY);
    }

    @Test
    void fromPkcs12_dsaBundle_isInvalidPrivateKey() {
        IssuedCertificate dsa = ca.leaf("dsa").keyKind(KeyKind.DSA_2048).issue();

        assertRejected(() -> intake.fromPkcs12(Pem.pkcs12(dsa, PASSPHRASE.toCharArray()), PASSPHRASE.toCharArray()),
                IntakeError.INVALID_PRIVATE_KEY);
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA_2048", "EC_P256", "EC_P384", "ED25519"})
    void fromPem_keyOfSameKindButOtherPair_isKeyCertMismatch(KeyKind kind) {
        IssuedCertificate certificate = ca.leaf("one").keyKind(kind).issue();
        IssuedCertificate other = ca.leaf("other").keyKind(kind).issue();

        assertRejected(() -> intake.fromPem(certificate.chainPem(), other.privateKeyPem(), null),
                IntakeError.KEY_CERT_MISMATCH);
    }

    @Test
    void fromPem_keyOfOtherKind_isKeyCertMismatch() {
        IssuedCertificate p384 = ca.leaf("p384").keyKind(KeyKind.EC_P384).issue();
        IssuedCertificate ed25519 = ca.leaf("ed").keyKind(KeyKind.ED25519).issue();

        assertRejected(() -> intake.fromPem(p384.chainPem(), client.privateKeyPem(), null),
                IntakeError.KEY_CERT_MISMATCH);
        assertRejected(() -> intake.fromPem(ed25519.chainPem(), client.privateKeyPem(), null),
                IntakeError.KEY_CERT_MISMATCH);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void fromPem_encryptedKeyWithoutPassphrase_isPassphraseRequired(String passphrase) {
        char[] given = passphrase == null ? null : passphrase.toCharArray();
        char[] secret = PASSPHRASE.toCharArray();

        assertRejected(() -> intake.fromPem(client.chainPem(), Pem.pkcs8Encrypted(client.privateKey(), secret),
                given), IntakeError.PASSPHRASE_REQUIRED);
        assertRejected(() -> intake.fromPem(client.chainPem(), Pem.traditionalEncrypted(client.privateKey(), secret),
                given), IntakeError.PASSPHRASE_REQUIRED);
    }

    @Test
    void fromPem_encryptedKeyWithWrongPassphrase_isWrongPassphraseAndMessageHidesIt() {
        char[] secret = PASSPHRASE.toCharArray();

        CertificateRejectedException pkcs8 = assertRejected(() -> intake.fromPem(client.chainPem(),
                Pem.pkcs8Encrypted(client.privateKey(), secret), "wrong-guess".toCharArray()),
                IntakeError.WRONG_PASSPHRASE);
        CertificateRejectedException traditional = assertRejected(() -> intake.fromPem(client.chainPem(),
                Pem.traditionalEncrypted(client.privateKey(), secret), "wrong-guess".toCharArray()),
                IntakeError.WRONG_PASSPHRASE);

        assertThat(pkcs8.getMessage()).doesNotContain("wrong-guess").doesNotContain(PASSPHRASE);
        assertThat(traditional.getMessage()).doesNotContain("wrong-guess").doesNotContain(PASSPHRASE);
    }

    @Test
    void fromPkcs12_withoutPassword_isPassphraseRequired() {
        byte[] bundle = Pem.pkcs12(client, PASSPHRASE.toCharArray());

        assertRejected(() -> intake.fromPkcs12(bundle, null), IntakeError.PASSPHRASE_REQUIRED);
        assertRejected(() -> intake.fromPkcs12(bundle, new char[0]), IntakeError.PASSPHRASE_REQUIRED);
    }

    @Test
    void fromPkcs12_wrongPassword_isWrongPassphrase() {
        byte[] bundle = Pem.pkcs12(client, PASSPHRASE.toCharArray());

        assertRejected(() -> intake.fromPkcs12(bundle, "nope".toCharArray()), IntakeError.WRONG_PASSPHRASE);
    }

    @Test
    void fromPkcs12_missingOrNotPkcs12_isInvalidCertificate() {
        assertRejected(() -> intake.fromPkcs12(null, null), IntakeError.INVALID_CERTIFICATE);
        assertRejected(() -> intake.fromPkcs12(new byte[0], null), IntakeError.INVALID_CERTIFICATE);
        assertRejected(() -> intake.fromPkcs12(client.certificatePem().getBytes(java.nio.charset.StandardCharsets
                .US_ASCII), PASSPHRASE.toCharArray()), IntakeError.INVALID_CERTIFICATE);
    }

    @Test
    void fromPkcs12_bundleWithoutKey_isInvalidPrivateKey() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("only-certificate", client.certificate());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, PASSPHRASE.toCharArray());

        assertRejected(() -> intake.fromPkcs12(bytes.toByteArray(), PASSPHRASE.toCharArray()),
                IntakeError.INVALID_PRIVATE_KEY);
    }

    @Test
    void fromPem_expiredCertificate_isCertificateExpired() {
        Instant now = Instant.now();
        IssuedCertificate expired = ca.leaf("old").keyKind(KeyKind.EC_P256)
                .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35))).issue();

        assertRejected(() -> intake.fromPem(expired.chainPem(), expired.privateKeyPem(), null),
                IntakeError.CERTIFICATE_EXPIRED);
    }

    @Test
    void fromPem_validCertificateAfterItsNotAfterOnTheClock_isCertificateExpired() {
        Clock later = Clock.fixed(client.certificate().getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC);

        assertRejected(() -> new CertificateIntake(later).fromPem(client.chainPem(), client.privateKeyPem(), null),
                IntakeError.CERTIFICATE_EXPIRED);
    }

    @Test
    void fromPem_serverAuthOnly_isNotAClientCertificate() {
        IssuedCertificate server = ca.leaf("server").keyKind(KeyKind.EC_P256).serverOnly().issue();

        assertRejected(() -> intake.fromPem(server.chainPem(), server.privateKeyPem(), null),
                IntakeError.NOT_A_CLIENT_CERTIFICATE);
    }

    @Test
    void fromPem_intermediatesInWrongOrder_isInvalidChain() {
        TestCa second = ca.intermediate("Level 1 CA").intermediate("Level 2 CA");
        IssuedCertificate leaf = second.leaf("deep").keyKind(KeyKind.EC_P256).issue();
        List<Object> swapped = List.of(leaf.chain().get(0), leaf.chain().get(2), leaf.chain().get(1));

        assertThat(leaf.chain()).hasSize(3);
        assertRejected(() -> intake.fromPem(Pem.of(swapped.toArray()), leaf.privateKeyPem(), null),
                IntakeError.INVALID_CHAIN);
    }

    @Test
    void fromPem_unrelatedIntermediate_isInvalidChain() {
        TestCa unrelated = TestCa.create("Unrelated CA");

        assertRejected(() -> intake.fromPem(client.certificatePem() + unrelated.certificatePem(),
                client.privateKeyPem(), null), IntakeError.INVALID_CHAIN);
    }

    @Test
    void fromPem_issuerWithSameNameButOtherKey_isInvalidChain() {
        TestCa impostor = TestCa.create("Rejection Test CA");

        assertRejected(() -> intake.fromPem(client.certificatePem() + impostor.certificatePem(),
                client.privateKeyPem(), null), IntakeError.INVALID_CHAIN);
    }

    @Test
    void fromPem_chainLongerThanTheLimit_isInvalidChain() {
        List<Object> certificates = new ArrayList<>();
        for (int i = 0; i <= PemChainParser.MAX_CHAIN_LENGTH; i++) {
            certificates.add(client.certificate());
        }

        assertRejected(() -> intake.fromPem(Pem.of(certificates.toArray()), client.privateKeyPem(), null),
                IntakeError.INVALID_CHAIN);
    }

    @Test
    void fromPem_chainWithRootIncluded_isAccepted() throws Exception {
        ParsedCertificate parsed = intake.fromPem(client.certificatePem() + ca.certificatePem(),
                client.privateKeyPem(), null);

        assertThat(parsed.summary().chainLength()).isEqualTo(2);
    }

    static CertificateRejectedException assertRejected(Executable upload, IntakeError expected) {
        CertificateRejectedException rejected = catchThrowableOfType(CertificateRejectedException.class,
                upload::execute);
        assertThat(rejected).as("upload must be rejected with %s", expected).isNotNull();
        assertThat(rejected.error()).as(rejected.getMessage()).isEqualTo(expected);
        assertThat(rejected.getMessage()).isNotBlank();
        return rejected;
    }
}
