package io.gatehouse.upstream;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Why a proxied exchange could not be completed on the upstream leg. Each kind maps to exactly one answer to the
 * client. Carries the upstream and a reason a person can act on, never a credential or key.
 */
public final class ProxyFailure extends Exception {
    /** The kinds of failure and the answer each gets. */
    public enum Kind {
        CONNECT_FAILED(HttpResponseStatus.BAD_GATEWAY, "upstream_connect_failed"),
        TLS_FAILED(HttpResponseStatus.BAD_GATEWAY, "upstream_tls_failed"),
        TIMEOUT(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream_timeout"),
        PROTOCOL_ERROR(HttpResponseStatus.BAD_GATEWAY, "upstream_protocol_error");

        private final HttpResponseStatus status;
        private final String errorHeader;

        Kind(HttpResponseStatus status, String errorHeader) {
            this.status = status;
            this.errorHeader = errorHeader;
        }

        public HttpResponseStatus status() {
            return status;
        }

        /** The value of {@code X-Gatehouse-Error}. */
        public String errorHeader() {
            return errorHeader;
        }
    }

    private final Kind kind;
    private final String upstream;

    public ProxyFailure(Kind kind, String upstream, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.kind = kind;
        this.upstream = upstream;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code host:port} of the upstream. */
    public String upstream() {
        return upstream;
    }

    /** The reason, for the response body and the WARN line. */
    public String reason() {
        return getMessage();
    }
}
