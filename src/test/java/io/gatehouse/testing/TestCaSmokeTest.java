package io.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestCaSmokeTest {

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void leaf_ofEveryKeyKind_verifiesUnderItsCa(KeyKind kind) throws Exception {
        TestCa ca = TestCa.create("Test CA");

        IssuedCertificate leaf = ca.leaf("client-" + kind).keyKind(kind).dnsName("localhost").issue();

        leaf.certificate().verify(ca.certificate().getPublicKey());
        assertThat(leaf.subjectCn()).isEqualTo("client-" + kind);
        assertThat(leaf.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void leafUnderIntermediate_carriesTheIntermediateInItsChain() throws Exception {
        TestCa intermediate = TestCa.create("Root").intermediate("Issuing CA");

        IssuedCertificate leaf = intermediate.leaf("client").issue();

        assertThat(leaf.chain()).hasSize(2);
        assertThat(leaf.chainPem()).contains("BEGIN CERTIFICATE").hasLineCount(leaf.chainPem().split("\n").length);
        leaf.certificate().verify(intermediate.certificate().getPublicKey());
    }
}
