package io.gatehouse.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestedTargetTest {

    @Test
    void fromConnect_hostAndPort_isTlsToThatPort() {
        RequestedTarget target = RequestedTarget.fromConnect("Partner.Example:8443").orElseThrow();

        assertThat(target.host()).isEqualTo("partner.example");
        assertThat(target.port()).isEqualTo(8443);
        assertThat(target.tls()).isTrue();
        assertThat(target.authority()).isEqualTo("Partner.Example:8443");
    }

    @Test
    void fromConnect_withoutPort_defaultsTo443() {
        assertThat(RequestedTarget.fromConnect("partner.example").orElseThrow().port()).isEqualTo(443);
    }

    @Test
    void fromConnect_bracketedIpv6_isUnbracketed() {
        RequestedTarget target = RequestedTarget.fromConnect("[::1]:9443").orElseThrow();

        assertThat(target.host()).isEqualTo("::1");
        assertThat(target.port()).isEqualTo(9443);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":443", "host:0", "host:65536", "host:x", "a b:443", "host:443:1", "[::1", "[x]:443",
        "::1:443", "-bad.example:443", "user@host:443", "host/path:443"})
    void fromConnect_invalidAuthority_isRejected(String authority) {
        assertThat(RequestedTarget.fromConnect(authority)).isEmpty();
    }

    @Test
    void fromAbsoluteUri_http_isPlainToPort80WithOriginForm() {
        RequestedTarget target = RequestedTarget.fromAbsoluteUri("http://partner.example/a/b?c=d#frag").orElseThrow();

        assertThat(target.tls()).isFalse();
        assertThat(target.port()).isEqualTo(80);
        assertThat(target.originForm()).isEqualTo("/a/b?c=d");
        assertThat(target.authority()).isEqualTo("partner.example");
    }

    @Test
    void fromAbsoluteUri_httpsWithPortAndQueryOnly_isTls() {
        RequestedTarget target = RequestedTarget.fromAbsoluteUri("HTTPS://127.0.0.1:9443?x=1").orElseThrow();

        assertThat(target.tls()).isTrue();
        assertThat(target.host()).isEqualTo("127.0.0.1");
        assertThat(target.port()).isEqualTo(9443);
        assertThat(target.originForm()).isEqualTo("/?x=1");
    }

    @Test
    void fromAbsoluteUri_noPath_isSlash() {
        assertThat(RequestedTarget.fromAbsoluteUri("http://h:8080").orElseThrow().originForm()).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/path", "ftp://host/x", "http://", "http://user:pw@host/", "http://ho st/"})
    void fromAbsoluteUri_notForwardable_isRejected(String uri) {
        assertThat(RequestedTarget.fromAbsoluteUri(uri)).isEmpty();
    }
}
