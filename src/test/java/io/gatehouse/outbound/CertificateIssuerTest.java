package io.gatehouse.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    @Test
    void newCa_isSelfSignedCaWithPathLengthZeroForTenYears() throws Exception {
        Instant now = Instant.now();

        X509Certificate ca = CertificateIssuer.newCa(now).certificate();

        ca.verify(ca.getPublicKey());
        assertThat(ca.getSubjectX500Principal().getName()).matches("CN=Gatehouse Outbound CA [0-9A-F]{8}");
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getNotAfter().toInstant()).isAfter(now.plus(Duration.ofDays(3649)));
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void newCa_twice_givesDifferentNames() {
        Instant now = Instant.now();

        assertThat(CertificateIssuer.newCa(now).certificate().getSubjectX500Principal())
                .isNotEqualTo(CertificateIssuer.newCa(now).certificate().getSubjectX500Principal());
    }

    @Test
    void issueLeaf_forDnsName_isShortLivedServerLeafSignedByTheCa() throws Exception {
        Instant now = Instant.now();
        SignedKeyPair ca = CertificateIssuer.newCa(now);

        X509Certificate leaf = CertificateIssuer.issueLeaf(ca, List.of("partner.example"), now).certificate();

        leaf.verify(ca.certificate().getPublicKey());
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(leaf.getNotBefore().toInstant()).isBefore(now.minus(Duration.ofMinutes(59)));
        assertThat(leaf.getNotAfter().toInstant()).isBefore(now.plus(Duration.ofDays(8)));
        assertThat(altNames(leaf)).containsExactly(List.of(DNS_NAME, "partner.example"));
    }

    @Test
    void issueLeaf_forIpLiterals_usesIpAltNames() throws Exception {
        SignedKeyPair ca = CertificateIssuer.newCa(Instant.now());

        X509Certificate leaf = CertificateIssuer.issueLeaf(ca, List.of("localhost", "127.0.0.1", "::1"),
                Instant.now()).certificate();

        assertThat(altNames(leaf)).containsExactly(List.of(DNS_NAME, "localhost"), List.of(IP_ADDRESS, "127.0.0.1"),
                List.of(IP_ADDRESS, "0:0:0:0:0:0:0:1"));
    }

    private static List<List<Object>> altNames(X509Certificate certificate) throws Exception {
        List<List<Object>> names = new ArrayList<>();
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
            names.add(List.of(name.get(0), name.get(1)));
        }
        return names;
    }
}
