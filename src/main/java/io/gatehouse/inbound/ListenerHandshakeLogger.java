package io.gatehouse.inbound;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says in one WARN line why a caller's TLS handshake with the HTTPS listener failed; the stack trace at DEBUG. */
final class ListenerHandshakeLogger extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ListenerHandshakeLogger.class);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (!completion.isSuccess()) {
                log.warn("[{}] Inbound TLS handshake with {} failed: {}", ctx.channel().id(),
                        ctx.channel().remoteAddress(), String.valueOf(completion.cause().getMessage()));
                log.debug("[{}] Inbound TLS handshake failure", ctx.channel().id(), completion.cause());
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(event);
    }
}
