package io.gatehouse.inbound;

import io.gatehouse.config.LiveConfig;
import io.gatehouse.upstream.UpstreamClient;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one inbound client connection: TLS on the HTTPS listener, the HTTP/1.1 codec with the request
 * line and header limits, keep-alive bookkeeping, and the {@link InboundRequestHandler}.
 */
final class InboundChannelInitializer extends ChannelInitializer<Channel> {
    private final SslContext sslContext;
    private final InboundSettings settings;
    private final LiveConfig liveConfig;
    private final UpstreamClient upstreamClient;
    private final InboundRouting routing;
    private final Clock clock;
    private final ChannelGroup clientChannels;

    /** @param sslContext the listener's TLS context, or null for plain HTTP */
    InboundChannelInitializer(SslContext sslContext, InboundSettings settings, LiveConfig liveConfig,
                              UpstreamClient upstreamClient, Clock clock, ChannelGroup clientChannels) {
        this.sslContext = sslContext;
        this.settings = settings;
        this.liveConfig = liveConfig;
        this.upstreamClient = upstreamClient;
        this.routing = new InboundRouting(new VaultHost(settings.inboundDomain()));
        this.clock = clock;
        this.clientChannels = clientChannels;
    }

    @Override
    protected void initChannel(Channel channel) {
        clientChannels.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        if (sslContext != null) {
            pipeline.addLast("tls", sslContext.newHandler(channel.alloc()));
            pipeline.addLast("tls-outcome", new ListenerHandshakeLogger());
        }
        pipeline.addLast("idle", new IdleStateHandler(0, 0, settings.clientIdleTimeout().toMillis(),
                TimeUnit.MILLISECONDS));
        pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxRequestLineLength())
                .setMaxHeaderSize(settings.maxHeaderSize())));
        // Tracks each request's keep-alive wish before the request handler strips Connection, and closes the
        // connection after the last response part when the client asked for that.
        pipeline.addLast("keep-alive", new HttpServerKeepAliveHandler());
        pipeline.addLast("inbound", new InboundRequestHandler(liveConfig, upstreamClient, routing, clock,
                sslContext != null ? "https" : "http"));
    }
}
