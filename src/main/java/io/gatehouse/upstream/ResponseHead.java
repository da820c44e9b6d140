package io.gatehouse.upstream;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Rewrites an upstream response head for the client leg: the upstream leg's hop-by-hop headers go, the version is
 * HTTP/1.1, and a body delimited only by the upstream closing its connection is re-framed as chunked, so the client
 * connection can stay open. Remembers whether the upstream connection may be reused.
 */
final class ResponseHead {
    private final boolean headRequest;
    private boolean upstreamKeepAlive;

    ResponseHead(boolean headRequest) {
        this.headRequest = headRequest;
    }

    /** A 1xx answer other than 101 precedes the real response (RFC 9110 section 15.2). */
    boolean isInterim(HttpResponse response) {
        return response.status().codeClass() == HttpStatusClass.INFORMATIONAL
                && !HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status());
    }

    void prepare(HttpResponse response) {
        upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        HopByHopHeaders.strip(response.headers());
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (mayHaveBody(response) && !HttpUtil.isContentLengthSet(response)
                && !HttpUtil.isTransferEncodingChunked(response)) {
            HttpUtil.setTransferEncodingChunked(response, true);
        }
    }

    /** Whether the upstream said its connection stays open after this response. */
    boolean upstreamKeepAlive() {
        return upstreamKeepAlive;
    }

    private boolean mayHaveBody(HttpResponse response) {
        int code = response.status().code();
        return !headRequest && code != 204 && code != 304;
    }
}
