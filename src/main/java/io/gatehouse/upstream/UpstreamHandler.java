package io.gatehouse.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an upstream connection: hands what the upstream sends to the exchange holding the connection.
 * A pooled connection has no listener; anything it receives then is unsolicited and the connection is closed.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(UpstreamHandler.class);

    // Set and read on the connection's event loop only.
    private UpstreamListener listener;

    void listener(UpstreamListener listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (listener != null && msg instanceof HttpObject message) {
            listener.upstreamRead(message);
            return;
        }
        ReferenceCountUtil.release(msg);
        log.debug("{} unsolicited data on an idle upstream connection, closing it", ctx.channel());
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.upstreamReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (listener != null) {
            listener.upstreamFailed(cause);
        } else {
            log.debug("{} idle upstream connection failed, closing it", ctx.channel(), cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.upstreamClosed();
        }
        ctx.fireChannelInactive();
    }
}
