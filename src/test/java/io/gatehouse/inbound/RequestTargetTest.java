package io.gatehouse.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetTest {

    @Test
    void parse_originForm_keepsPathAndQuery() {
        RequestTarget target = RequestTarget.parse("/pay/x?a=1&b=%20").orElseThrow();

        assertThat(target.originForm()).isEqualTo("/pay/x?a=1&b=%20");
        assertThat(target.path()).isEqualTo("/pay/x");
        assertThat(target.authority()).isNull();
    }

    @Test
    void parse_absoluteForm_takesAuthorityFromTarget() {
        RequestTarget target = RequestTarget.parse("http://tntabc12345.localhost:8080/pay?q=1").orElseThrow();

        assertThat(target.authority()).isEqualTo("tntabc12345.localhost:8080");
        assertThat(target.originForm()).isEqualTo("/pay?q=1");
        assertThat(target.path()).isEqualTo("/pay");
    }

    @Test
    void parse_absoluteFormWithoutPath_isRoot() {
        RequestTarget target = RequestTarget.parse("http://tntabc12345.localhost?q=1").orElseThrow();

        assertThat(target.originForm()).isEqualTo("/?q=1");
        assertThat(target.path()).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "tntabc12345.localhost:443", "/pay/../admin", "/pay/%2e%2E/admin", "/./pay",
        "/pay/..", "http:///pay"})
    void parse_otherFormsAndDotSegments_areRefused(String uri) {
        assertThat(RequestTarget.parse(uri)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pay/..x", "/pay/.well-known", "/a...b"})
    void parse_dotsInsideSegments_areKept(String uri) {
        assertThat(RequestTarget.parse(uri)).isPresent();
    }
}
