package io.gatehouse.upstream;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a client whose exchange failed on the upstream leg, and logs the failure as one WARN line naming the
 * client connection, the upstream and the reason (the stack trace at DEBUG).
 */
public final class FailureAnswer {
    private static final Logger log = LoggerFactory.getLogger(FailureAnswer.class);

    /** The header that names the kind of failure in an answer made by Gatehouse rather than the upstream. */
    public static final String ERROR_HEADER = "X-Gatehouse-Error";

    private FailureAnswer() {
    }

    /**
     * Logs {@code failure} and answers it: a status with {@value #ERROR_HEADER} and the reason as text when no
     * response has started, else the client connection is closed, as nothing else can tell it the body is cut.
     * When the request body was not read to its end the connection is closed after the answer.
     */
    static void send(Channel client, ProxyFailure failure, boolean responseStarted, boolean requestDone) {
        log.warn("[id: 0x{}] upstream {} {}: {}", client.id().asShortText(), failure.upstream(),
                failure.kind().errorHeader(), failure.reason());
        if (failure.getCause() != null) {
            log.debug("[id: 0x{}] upstream {} failure detail", client.id().asShortText(), failure.upstream(),
                    failure.getCause());
        }
        if (responseStarted) {
            client.close();
            return;
        }
        ChannelFuture written = client.writeAndFlush(response(failure, !requestDone));
        if (!requestDone) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The answer for {@code failure}; {@code close} adds {@code Connection: close}. */
    public static FullHttpResponse response(ProxyFailure failure, boolean close) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, failure.kind().status(),
                Unpooled.copiedBuffer(failure.reason() + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().set(ERROR_HEADER, failure.kind().errorHeader());
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
