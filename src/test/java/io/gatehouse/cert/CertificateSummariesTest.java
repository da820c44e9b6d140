package io.gatehouse.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.Pem;
import io.gatehouse.testing.TestCa;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateSummariesTest {

    @ParameterizedTest
    @CsvSource({"1, 01", "2748, 0ABC", "128, 80", "65280, FF00", "-1, -01"})
    void serialNumber_isUppercaseHexOfWholeBytes(long serial, String expected) {
        assertThat(CertificateSummaries.serialNumber(BigInteger.valueOf(serial))).isEqualTo(expected);
    }

    @Test
    void summarize_subjectWithoutCommonName_hasNullCommonNameAndEveryAltNameKind() throws Exception {
        X509Certificate certificate = selfSigned("O=Acme Corp,C=DE", BigInteger.valueOf(0xABC));

        CertificateSummary summary = CertificateSummaries.summarize(List.of(certificate));

        assertThat(summary.commonName()).isNull();
        assertThat(summary.subject()).isEqualTo("C=DE,O=Acme Corp");
        assertThat(summary.signer()).isEqualTo(summary.subject());
        assertThat(summary.serialNumber()).isEqualTo("0ABC");
        assertThat(summary.subjectAltNames()).containsExactly("DNS:api.example.com", "IP:10.0.0.1",
                "IP:2001:DB8:0:0:0:0:0:1", "email:ops@example.com", "URI:spiffe://example.com/client");
        assertThat(summary.keyAlgorithm()).isEqualTo("EC");
        assertThat(summary.keySize()).isEqualTo(256);
        assertThat(summary.chainLength()).isEqualTo(1);
    }

    @Test
    void summarize_matchesWhatOpensslPrints(@TempDir Path directory) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        IssuedCertificate issued = TestCa.create("Openssl CA").leaf("openssl-client").keyKind(KeyKind.ED25519)
                .issue();
        List<X509Certificate> certificates = List.of(issued.certificate(),
                selfSigned("O=Acme Corp,C=DE", BigInteger.valueOf(0xABC)),
                selfSigned("CN=High Bit", new BigInteger("80FF00112233445566", 16)));

        for (X509Certificate certificate : certificates) {
            CertificateSummary summary = CertificateSummaries.summarize(List.of(certificate));
            Path file = Files.writeString(directory.resolve("cert.pem"), Pem.of(certificate));
            String printed = openssl(file);

            assertThat(printed).contains("serial=" + summary.serialNumber() + "\n");
            assertThat(printed).contains("=" + summary.sha256Fingerprint() + "\n");
            for (String name : summary.subjectAltNames()) {
                assertThat(printed).contains(name.replace("IP:", "IP Address:"));
            }
        }
    }

    private static String openssl(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("openssl", "x509", "-in", file.toString(), "-noout", "-serial",
                "-fingerprint", "-sha256", "-ext", "subjectAltName").redirectErrorStream(true).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static X509Certificate selfSigned(String subject, BigInteger serial) throws Exception {
        KeyPair keys = KeyKind.EC_P256.generate();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(subject), serial,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name(subject), keys.getPublic());
        List<GeneralName> names = Arrays.asList(new GeneralName(GeneralName.dNSName, "api.example.com"),
                new GeneralName(GeneralName.iPAddress, "10.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "2001:db8::1"),
                new GeneralName(GeneralName.rfc822Name, "ops@example.com"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.com/client"));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
