package io.gatehouse.outbound;

import io.gatehouse.config.LiveConfig;
import io.gatehouse.upstream.UpstreamClient;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of a client connection to the outbound proxy, {@code [listener-tls] idle http proxy}, and
 * rebuilds it when a CONNECT tunnel starts: {@code [listener-tls] idle intercept-tls http proxy}, with a fresh HTTP
 * codec for the requests inside the tunnel.
 */
final class OutboundChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String IDLE = "idle";
    static final String LISTENER_TLS = "listener-tls";
    static final String INTERCEPT_TLS = "intercept-tls";
    static final String HTTP_CODEC = "http";
    static final String PROXY = "proxy";

    private final LiveConfig liveConfig;
    private final UpstreamClient upstreamClient;
    private final OutboundCa outboundCa;
    private final OutboundSettings settings;
    private final SslContext listenerContext;

    /** {@code listenerContext} is null for the plain listener. */
    OutboundChannelInitializer(LiveConfig liveConfig, UpstreamClient upstreamClient, OutboundCa outboundCa,
                               OutboundSettings settings, SslContext listenerContext) {
        this.liveConfig = liveConfig;
        this.upstreamClient = upstreamClient;
        this.outboundCa = outboundCa;
        this.settings = settings;
        this.listenerContext = listenerContext;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (listenerContext != null) {
            pipeline.addLast(LISTENER_TLS, listenerContext.newHandler(channel.alloc()));
        }
        pipeline.addLast(IDLE, new IdleStateHandler(0, 0, settings.clientIdleTimeout().toMillis(),
                TimeUnit.MILLISECONDS));
        pipeline.addLast(HTTP_CODEC, newCodec());
        pipeline.addLast(PROXY, new ProxyRequestHandler(liveConfig, upstreamClient, this, Clock.systemUTC()));
    }

    /**
     * Switches an established CONNECT to interception: TLS with a leaf for the host, then HTTP again. Called right
     * after the 200 is written; the client sends its ClientHello only once it has read that answer.
     */
    void interceptTls(ChannelPipeline pipeline, String host) {
        pipeline.replace(HTTP_CODEC, HTTP_CODEC, newCodec());
        pipeline.addBefore(HTTP_CODEC, INTERCEPT_TLS,
                outboundCa.newInterceptionHandler(host, pipeline.channel().alloc()));
    }

    private HttpServerCodec newCodec() {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxRequestLineLength())
                .setMaxHeaderSize(settings.maxHeaderSize()));
    }
}
