package io.gatehouse.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamAddressTest {

    @Test
    void parse_ipv6Literal_keepsBracketsInHostHeaderOnly() {
        UpstreamAddress address = UpstreamAddress.parse("https://[::1]:9443");

        assertThat(address.host()).isEqualTo("::1");
        assertThat(address.port()).isEqualTo(9443);
        assertThat(address.hostHeader()).isEqualTo("[::1]:9443");
    }

    @Test
    void parse_userInfo_neverReachesHostHeader() {
        UpstreamAddress address = UpstreamAddress.parse("https://user:secret@api.example");

        assertThat(address.hostHeader()).isEqualTo("api.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://api.example", "api.example", "https://", "not a url"})
    void parse_notHttpUrl_isRefused(String upstream) {
        assertThatThrownBy(() -> UpstreamAddress.parse(upstream)).isInstanceOf(IllegalArgumentException.class);
    }
}
