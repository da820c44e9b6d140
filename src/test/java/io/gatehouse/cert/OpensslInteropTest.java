package io.gatehouse.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files made by openssl 3 (self-signed, valid for a century, clientAuth), so that the parser is held to what the
 * tool most users export with writes, not only to what BouncyCastle writes. Every key is protected, if at all, by
 * the passphrase {@code fixture}; the keys exist only for these tests.
 */
class OpensslInteropTest {
    private static final char[] PASSPHRASE = "fixture".toCharArray();

    private final CertificateIntake intake = new CertificateIntake(Clock.systemUTC());

    @ParameterizedTest
    @CsvSource({
        "rsa.crt, rsa-pkcs1.key, false, RSA, interop-rsa",
        "rsa.crt, rsa-des3.key, true, RSA, interop-rsa",
        "ec.crt, ec-with-params.key, false, EC, interop-ec",
        "ec.crt, ec-scrypt.key, true, EC, interop-ec",
        "ec-bag-attributes.crt, ec-with-params.key, false, EC, interop-ec",
        "ed25519.crt, ed25519-encrypted.key, true, Ed25519, interop-ed25519"
    })
    void fromPem_opensslExport_isAccepted(String certificate, String key, boolean encrypted, String algorithm,
                                          String commonName) throws Exception {
        ParsedCertificate parsed = intake.fromPem(text(certificate), text(key),
                encrypted ? PASSPHRASE.clone() : null);

        assertThat(parsed.summary().keyAlgorithm()).isEqualTo(algorithm);
        assertThat(parsed.summary().commonName()).isEqualTo(commonName);
        assertThat(parsed.summary().subjectAltNames()).containsExactly("DNS:interop.example.com");
    }

    @Test
    void fromPem_opensslDes3KeyWithWrongPassphrase_isWrongPassphrase() {
        CertificateRejectionTest.assertRejected(() -> intake.fromPem(text("rsa.crt"), text("rsa-des3.key"),
                "other".toCharArray()), IntakeError.WRONG_PASSPHRASE);
    }

    @ParameterizedTest
    @CsvSource({"ec.p12, EC", "rsa-legacy.p12, RSA"})
    void fromPkcs12_opensslBundle_isAccepted(String bundle, String algorithm) throws Exception {
        ParsedCertificate parsed = intake.fromPkcs12(bytes(bundle), PASSPHRASE.clone());

        assertThat(parsed.summary().keyAlgorithm()).isEqualTo(algorithm);
        assertThat(parsed.summary().chainLength()).isEqualTo(1);
    }

    @Test
    void fromPkcs12_opensslBundleWithWrongPassword_isWrongPassphrase() {
        CertificateRejectionTest.assertRejected(() -> intake.fromPkcs12(bytes("ec.p12"), "other".toCharArray()),
                IntakeError.WRONG_PASSPHRASE);
    }

    private static String text(String name) {
        return new String(bytes(name), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = OpensslInteropTest.class.getResourceAsStream("OpensslInteropTest/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
