package io.gatehouse.outbound;

import io.gatehouse.config.LiveConfig;
import io.gatehouse.upstream.UpstreamClient;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of a client connection to the outbound proxy, {@code [listener-tls] idle http keep-alive
 * proxy}, and rebuilds it when a CONNECT tunnel starts: {@code [listener-tls] idle intercept-tls http keep-alive
 * proxy}, with fresh HTTP handlers for the requests inside the tunnel. The keep-alive handler closes the connection
 * after a response when the client asked for that ({@code Connection: close}, HTTP/1.0) or when the response ends
 * at close; the proxy handler strips {@code Connection} only after it has seen it.
 */
final class OutboundChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String IDLE = "idle";
    static final String LISTENER_TLS = "listener-tls";
    static final String INTERCEPT_TLS = "intercept-tls";
    static final String HTTP_CODEC = "http";
    static final String KEEP_ALIVE = "keep-alive";
    static final String PROXY = "proxy";

    private final LiveConfig liveConfig;
    private final UpstreamClient upstreamClient;
    private final OutboundCa outboundCa;
    private final OutboundSettings settings;
    private final SslContext listenerContext;
    private final ChannelGroup clientConnections;

    /** {@code listenerContext} is null for the plain listener; accepted connections join {@code clientConnections}. */
    OutboundChannelInitializer(LiveConfig liveConfig, UpstreamClient upstreamClient, OutboundCa outboundCa,
                               OutboundSettings settings, SslContext listenerContext, ChannelGroup clientConnections) {
        this.liveConfig = liveConfig;
        this.upstreamClient = upstreamClient;
        this.outboundCa = outboundCa;
        this.settings = settings;
        this.listenerContext = listenerContext;
        this.clientConnections = clientConnections;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        clientConnections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        if (listenerContext != null) {
            pipeline.addLast(LISTENER_TLS, listenerContext.newHandler(channel.alloc()));
        }
        pipeline.addLast(IDLE, new IdleStateHandler(0, 0, settings.clientIdleTimeout().toMillis(),
                TimeUnit.MILLISECONDS));
        pipeline.addLast(HTTP_CODEC, newCodec());
        pipeline.addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler());
        pipeline.addLast(PROXY, new ProxyRequestHandler(liveConfig, upstreamClient, this, Clock.systemUTC()));
    }

    /**
     * Answers an accepted CONNECT and switches the connection to interception: TLS with a leaf for the host, then
     * HTTP again with fresh handlers. The client sends its ClientHello only once it has read the 200, so nothing
     * arrives between the answer and the switch.
     */
    void startInterception(ChannelHandlerContext ctx, String host) {
        ChannelPipeline pipeline = ctx.pipeline();
        // The keep-alive handler would take a 200 without a length for a response that ends at close.
        pipeline.remove(KEEP_ALIVE);
        ctx.writeAndFlush(ProxyResponses.connectionEstablished());
        pipeline.replace(HTTP_CODEC, HTTP_CODEC, newCodec());
        pipeline.addBefore(HTTP_CODEC, INTERCEPT_TLS, outboundCa.newInterceptionHandler(host, ctx.alloc()));
        pipeline.addAfter(HTTP_CODEC, KEEP_ALIVE, new HttpServerKeepAliveHandler());
    }

    private HttpServerCodec newCodec() {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxRequestLineLength())
                .setMaxHeaderSize(settings.maxHeaderSize()));
    }
}
