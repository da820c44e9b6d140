package io.gatehouse.inbound;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The answers the inbound proxy gives itself, without an upstream: small {@code text/plain} bodies with the
 * {@code X-Gatehouse-Error} code a client can act on.
 */
final class LocalResponses {
    static final String ERROR_HEADER = "X-Gatehouse-Error";

    private LocalResponses() {
    }

    static FullHttpResponse error(ByteBufAllocator alloc, Rejection rejection) {
        ByteBuf body = alloc.buffer();
        body.writeCharSequence(rejection.message() + "\n", StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, rejection.status(), body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(ERROR_HEADER, rejection.code());
        return response;
    }

    static FullHttpResponse continueResponse() {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE);
    }

    /** Why the proxy answered a request itself. */
    record Rejection(HttpResponseStatus status, String code, String message) {

        static Rejection unknownVault(String host) {
            return new Rejection(HttpResponseStatus.NOT_FOUND, "unknown_vault",
                    "No vault is served at host '" + host + "'");
        }

        static Rejection noRoute(String vaultId, String path) {
            return new Rejection(HttpResponseStatus.NOT_FOUND, "no_route",
                    "Vault " + vaultId + " has no route for path " + path);
        }

        static Rejection badRequest(String message) {
            return new Rejection(HttpResponseStatus.BAD_REQUEST, "bad_request", message);
        }
    }
}
