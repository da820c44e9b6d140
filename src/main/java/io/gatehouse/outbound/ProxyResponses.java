package io.gatehouse.outbound;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;

/** The answers the outbound proxy gives itself, before or instead of asking an upstream. */
final class ProxyResponses {
    static final String CHALLENGE = "Basic realm=\"gatehouse\"";
    static final String ERROR_HEADER = "X-Gatehouse-Error";
    private static final HttpResponseStatus CONNECTION_ESTABLISHED = new HttpResponseStatus(200,
            "Connection established");

    private ProxyResponses() {
    }

    /** 407 with the Basic challenge; says what to send, never what was sent. */
    static FullHttpResponse proxyAuthenticationRequired() {
        FullHttpResponse response = text(HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED, "proxy_auth_required",
                "Proxy authentication required: send an access credential of a vault as proxy user and password "
                        + "(http://USERNAME:PASSWORD@proxy-host:port)");
        response.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, CHALLENGE);
        return response;
    }

    static FullHttpResponse badRequest(String message) {
        return text(HttpResponseStatus.BAD_REQUEST, "bad_request", message);
    }

    /** 414, 431 or 400 for a request the HTTP codec could not read. */
    static FullHttpResponse unreadable(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return text(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request_line_too_long",
                    "The request line is longer than this proxy accepts");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return text(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large",
                    "The request headers are larger than this proxy accepts");
        }
        return badRequest("The request is not valid HTTP/1.1");
    }

    /** The answer to an accepted CONNECT: no body, no framing headers (RFC 9110 section 9.3.6). */
    static FullHttpResponse connectionEstablished() {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, CONNECTION_ESTABLISHED, Unpooled.EMPTY_BUFFER);
    }

    static FullHttpResponse continueResponse() {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER);
    }

    private static FullHttpResponse text(HttpResponseStatus status, String errorCode, String message) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(ERROR_HEADER, errorCode);
        return response;
    }
}
