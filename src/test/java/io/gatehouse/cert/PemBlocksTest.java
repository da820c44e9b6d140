package io.gatehouse.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PemBlocksTest {
    private final PemBlocks keyBlocks = new PemBlocks(IntakeError.INVALID_PRIVATE_KEY, "private key", 2);
    private final PemBlocks certificateBlocks = new PemBlocks(IntakeError.INVALID_CERTIFICATE, "certificate", 2);

    @Test
    void split_traditionalEncryptedKey_keepsItsHeadersAndReassemblesTheBlock() throws Exception {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-256-CBC,00FF\r\n\r\n"
                + "AAEC\r\nAw==\r\n-----END RSA PRIVATE KEY-----\r\n";

        List<PemBlock> blocks = keyBlocks.split(pem);

        assertThat(blocks).singleElement().satisfies(block -> {
            assertThat(block.label()).isEqualTo("RSA PRIVATE KEY");
            assertThat(block.headers()).containsEntry("Proc-Type", "4,ENCRYPTED")
                    .containsEntry("DEK-Info", "AES-256-CBC,00FF");
            assertThat(block.content()).containsExactly(0, 1, 2, 3);
            assertThat(block.text()).startsWith("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n")
                    .endsWith("\n\nAAECAw==\n-----END RSA PRIVATE KEY-----\n");
        });
    }

    @Test
    void split_textBetweenBlocks_isIgnored() throws Exception {
        String pem = "subject=CN = leaf\n-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n"
                + "issuer=CN = ca\n  -----BEGIN CERTIFICATE-----  \nAQ==\n-----END CERTIFICATE-----\n\n";

        assertThat(certificateBlocks.split(pem)).extracting(block -> block.content()[0]).containsExactly((byte) 0,
                (byte) 1);
    }

    @Test
    void split_textAfterTheLastBlock_isRefusedWithTheFieldsCode() {
        String pem = "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\nstray paste\n";

        CertificateRejectionTest.assertRejected(() -> keyBlocks.split(pem), IntakeError.INVALID_PRIVATE_KEY);
    }

    @Test
    void split_moreBlocksThanAllowed_isInvalidChainForCertificatesAndInvalidKeyForKeys() {
        String block = "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n";

        CertificateRejectionTest.assertRejected(() -> certificateBlocks.split(block.repeat(3)),
                IntakeError.INVALID_CHAIN);
        CertificateRejectionTest.assertRejected(() -> keyBlocks.split(block.repeat(3)),
                IntakeError.INVALID_PRIVATE_KEY);
    }

    @Test
    void split_oneCharacterOverTheLimit_isRefusedBeforeScanning() {
        String pem = "x".repeat(PemBlocks.MAX_CHARS + 1);

        CertificateRejectedException rejected = CertificateRejectionTest.assertRejected(
                () -> certificateBlocks.split(pem), IntakeError.INVALID_CERTIFICATE);

        assertThat(rejected.getMessage()).contains("1 MiB");
    }
}
