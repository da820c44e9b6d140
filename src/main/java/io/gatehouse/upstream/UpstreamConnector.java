package io.gatehouse.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Opens upstream connections: TCP connect with the connect timeout, then the TLS handshake with the handshake
 * timeout, on the event loop of the client connection that needs it. The engine is made with the upstream's host and
 * port (so sessions are looked up for that peer only), checks the server's host name, and sends SNI unless the host
 * is an IP literal.
 */
final class UpstreamConnector {
    private final NettyTransport transport;
    private final TlsContexts contexts;
    private final UpstreamPool pool;
    private final UpstreamSettings settings;

    UpstreamConnector(NettyTransport transport, TlsContexts contexts, UpstreamPool pool, UpstreamSettings settings) {
        this.transport = transport;
        this.contexts = contexts;
        this.pool = pool;
        this.settings = settings;
    }

    /** Connects for {@code target}; the connection comes back busy, registered with the pool. */
    Future<PooledConnection> connect(PoolKey key, UpstreamTarget target, Channel client) {
        Promise<PooledConnection> promise = client.eventLoop().newPromise();
        SslHandler ssl;
        try {
            ssl = target.tls() ? sslHandler(key, target, client) : null;
        } catch (RuntimeException e) {
            return promise.setFailure(new TlsSetupException(e.getMessage(), e));
        }
        UpstreamHandler handler = new UpstreamHandler();
        boolean[] added = new boolean[1];
        ChannelFuture connecting = new Bootstrap()
                .group(client.eventLoop())
                .channel(transport.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (ssl != null) {
                            channel.pipeline().addLast("tls", ssl);
                        }
                        channel.pipeline().addLast("http", new HttpClientCodec());
                        channel.pipeline().addLast("upstream", handler);
                        added[0] = true;
                    }
                })
                .connect(target.host(), target.port());
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                if (ssl != null && !added[0]) {
                    ReferenceCountUtil.release(ssl.engine());
                }
                promise.tryFailure(connected.cause());
            } else if (ssl == null) {
                promise.trySuccess(register(connecting.channel(), key, handler));
            } else {
                ssl.handshakeFuture().addListener(handshake -> {
                    if (handshake.isSuccess()) {
                        promise.trySuccess(register(connecting.channel(), key, handler));
                    } else {
                        connecting.channel().close();
                        promise.tryFailure(handshake.cause());
                    }
                });
            }
        });
        return promise;
    }

    private PooledConnection register(Channel channel, PoolKey key, UpstreamHandler handler) {
        PooledConnection connection = new PooledConnection(channel, key, handler);
        connection.firstExchange();
        pool.register(connection);
        return connection;
    }

    private SslHandler sslHandler(PoolKey key, UpstreamTarget target, Channel client) {
        SslContext context = contexts.lease(target.identity(), target.extraCaPem(), key.trustFingerprint());
        try {
            SslHandler handler = context.newHandler(client.alloc(), target.serverName(), target.port());
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!NetUtil.isValidIpV4Address(target.serverName()) && !NetUtil.isValidIpV6Address(target.serverName())) {
                parameters.setServerNames(List.of(new SNIHostName(target.serverName())));
            }
            engine.setSSLParameters(parameters);
            handler.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
            return handler;
        } finally {
            ReferenceCountUtil.release(context);
        }
    }
}
