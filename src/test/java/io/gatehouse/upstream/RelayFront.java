package io.gatehouse.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal front server for relay tests, shaped as the proxies use the relay: HTTP server codec, keep-alive
 * handling, hop-by-hop headers stripped, then every request head and body part handed to a relay of this client
 * connection with a target the test sets.
 */
final class RelayFront implements AutoCloseable {
    private final List<Channel> listening;
    private final AtomicReference<UpstreamTarget> target;
    private volatile boolean stripHopByHop = true;

    RelayFront(NettyTransport transport, UpstreamClient upstreamClient, UpstreamTarget target) {
        this.target = new AtomicReference<>(target);
        this.listening = transport.listen(new InetSocketAddress("127.0.0.1", 0), new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                        new FrontHandler(upstreamClient.newRelay(channel)));
            }
        });
    }

    int port() {
        return ((InetSocketAddress) listening.get(0).localAddress()).getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Hands requests to the relay as they came, to test the relay's own defences. */
    void keepHopByHopHeaders() {
        stripHopByHop = false;
    }

    /** Later requests go to {@code next}. */
    void target(UpstreamTarget next) {
        target.set(next);
    }

    @Override
    public void close() {
        listening.forEach(channel -> channel.close().syncUninterruptibly());
    }

    private final class FrontHandler extends ChannelInboundHandlerAdapter {
        private final UpstreamRelay relay;

        FrontHandler(UpstreamRelay relay) {
            this.relay = relay;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                if (stripHopByHop) {
                    HopByHopHeaders.strip(request.headers());
                }
                relay.begin(request, target.get());
            } else if (msg instanceof HttpContent content) {
                relay.content(content);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            relay.clientClosed();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
