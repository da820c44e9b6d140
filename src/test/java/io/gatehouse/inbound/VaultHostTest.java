package io.gatehouse.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VaultHostTest {
    private final VaultHost localhost = new VaultHost("localhost");
    private final VaultHost custom = new VaultHost("vaults.example.com");

    @ParameterizedTest
    @ValueSource(strings = {"tntabc12345.localhost", "TNTABC12345.LOCALHOST", "tntabc12345.localhost:8080",
        "tntabc12345.localhost.", "tntabc12345.localhost.:8443", " tntabc12345.localhost "})
    void vaultId_vaultNameUnderDomain_isFoundIgnoringCaseAndPort(String host) {
        assertThat(localhost.vaultId(host)).contains("tntabc12345");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "tntabc1234.localhost", "tntabc123456.localhost", "abcabc12345.localhost",
        "tnt-bc12345.localhost", "a.tntabc12345.localhost", "tntabc12345.localhost.evil.com", "tntabc12345localhost",
        "tntabc12345.example.com", "[::1]:8080", "127.0.0.1", "", ".localhost"})
    void vaultId_otherHosts_nameNoVault(String host) {
        assertThat(localhost.vaultId(host)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"tntabc12345.vaults.example.com, tntabc12345", "tntabc12345.vaults.example.com:443, tntabc12345"})
    void vaultId_customDomain_isFound(String host, String vaultId) {
        assertThat(custom.vaultId(host)).contains(vaultId);
        assertThat(custom.vaultId("tntabc12345.localhost")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"example.com:8080, example.com", "example.com, example.com", "'[::1]:8080', '[::1]'",
        "'[::1]', '[::1]'"})
    void withoutPort_dropsOnlyThePort(String host, String expected) {
        assertThat(VaultHost.withoutPort(host)).isEqualTo(expected);
    }
}
