package io.gatehouse.inbound;

import io.gatehouse.inbound.LocalResponses.Rejection;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Optional;

/**
 * Requests the proxy refuses before routing, each answered once and followed by closing the connection, since
 * after a decoding failure the rest of the stream cannot be trusted: a request line over the limit is 414, a header
 * block over the limit 431, any other decoding failure 400, and an expectation other than {@code 100-continue} 417.
 */
final class MalformedRequests {
    private MalformedRequests() {
    }

    static Optional<Rejection> rejection(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            return Optional.of(decodingFailure(result.cause()));
        }
        if (hasUnsupportedExpectation(request)) {
            return Optional.of(new Rejection(HttpResponseStatus.EXPECTATION_FAILED, "expectation_failed",
                    "Only 'Expect: 100-continue' is supported"));
        }
        return Optional.empty();
    }

    /** RFC 9110 section 10.1.1: an HTTP/1.1 expectation the server cannot meet is answered 417. */
    static boolean hasUnsupportedExpectation(HttpRequest request) {
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        return expect != null && request.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0
                && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.strip());
    }

    static Rejection decodingFailure(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return new Rejection(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request_line_too_long",
                    "Request line too long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Rejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large",
                    "Request headers too large");
        }
        // The decoder's message may quote the offending bytes, which could be part of a credential: not echoed.
        return Rejection.badRequest("Malformed HTTP request");
    }
}
