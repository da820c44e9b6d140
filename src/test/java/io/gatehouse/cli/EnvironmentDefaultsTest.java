package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentDefaultsTest {
    @Test
    void variableOf_flag_isUpperSnakeCaseWithPrefix() {
        assertThat(EnvironmentDefaults.variableOf("--admin-address")).isEqualTo("GATEHOUSE_ADMIN_ADDRESS");
        assertThat(EnvironmentDefaults.variableOf("--outbound-tls-hostname"))
                .isEqualTo("GATEHOUSE_OUTBOUND_TLS_HOSTNAME");
    }
}
