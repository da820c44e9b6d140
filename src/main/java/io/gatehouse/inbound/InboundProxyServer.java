package io.gatehouse.inbound;

import static java.util.Objects.requireNonNull;

import io.gatehouse.config.LiveConfig;
import io.gatehouse.upstream.NettyTransport;
import io.gatehouse.upstream.UpstreamClient;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound reverse proxy: a plain HTTP and an HTTPS listener that send each request for
 * {@code <vaultId>.<inbound domain>} to the upstream of the vault's longest matching route, over TLS that presents
 * the certificate selected for the route at that moment.
 *
 * <p>Each request reads the configuration snapshot once, so a route or certificate change applies from the next
 * request on, without a restart. The transport and the upstream client are shared with the rest of the node and
 * are not closed here.
 *
 * <pre>{@code
 * InboundProxyServer inbound = new InboundProxyServer(transport, liveConfig, upstreamClient, settings);
 * inbound.start();   // "Inbound proxy listening on http://127.0.0.1:8080", and on https://127.0.0.1:8443
 * ...
 * inbound.close();
 * }</pre>
 */
public final class InboundProxyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboundProxyServer.class);

    private final NettyTransport transport;
    private final LiveConfig liveConfig;
    private final UpstreamClient upstreamClient;
    private final InboundSettings settings;
    private final Clock clock;
    private final ChannelGroup channels = new DefaultChannelGroup("inbound", GlobalEventExecutor.INSTANCE);
    private ListenerTls tls;
    private Channel httpListener;
    private Channel httpsListener;

    public InboundProxyServer(NettyTransport transport, LiveConfig liveConfig, UpstreamClient upstreamClient,
                              InboundSettings settings) {
        this(transport, liveConfig, upstreamClient, settings, Clock.systemUTC());
    }

    /** As the four-argument constructor, with the clock that decides which certificate is valid now. */
    public InboundProxyServer(NettyTransport transport, LiveConfig liveConfig, UpstreamClient upstreamClient,
                              InboundSettings settings, Clock clock) {
        this.transport = requireNonNull(transport, "transport");
        this.liveConfig = requireNonNull(liveConfig, "liveConfig");
        this.upstreamClient = requireNonNull(upstreamClient, "upstreamClient");
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Loads (or makes) the HTTPS certificate and binds both listeners.
     *
     * @throws IllegalStateException when an address cannot be bound or the certificate cannot be used
     */
    public synchronized void start() {
        if (httpListener != null) {
            throw new IllegalStateException("Inbound proxy already started");
        }
        tls = ListenerTls.load(settings, transport.sslProvider());
        try {
            httpListener = bind(settings.httpAddress(), null);
            httpsListener = bind(settings.httpsAddress(), tls.context());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("Inbound proxy listening on {}", url("http", httpAddress()));
        log.info("Inbound proxy listening on {} (certificate {}, SHA-256 fingerprint {})", url("https",
                httpsAddress()), tls.certFile(), tls.sha256Fingerprint());
    }

    /** The bound address of the plain HTTP listener, its real port when 0 was asked for. */
    public InetSocketAddress httpAddress() {
        return boundAddress(httpListener);
    }

    /** The bound address of the HTTPS listener. */
    public InetSocketAddress httpsAddress() {
        return boundAddress(httpsListener);
    }

    /** The SHA-256 fingerprint of the HTTPS listener's certificate, as openssl prints it. */
    public synchronized String tlsFingerprint() {
        if (tls == null) {
            throw new IllegalStateException("Inbound proxy not started");
        }
        return tls.sha256Fingerprint();
    }

    /** Stops accepting, closes every client connection and releases the TLS context. Idempotent. */
    @Override
    public synchronized void close() {
        boolean wasOpen = httpListener != null || httpsListener != null;
        channels.close().awaitUninterruptibly();
        httpListener = null;
        httpsListener = null;
        if (tls != null) {
            ReferenceCountUtil.release(tls.context());
            tls = null;
        }
        if (wasOpen) {
            log.info("Inbound proxy stopped");
        }
    }

    private Channel bind(InetSocketAddress address, SslContext sslContext) {
        try {
            List<Channel> listening = transport.listen(address, new InboundChannelInitializer(sslContext, settings,
                    liveConfig, upstreamClient, clock, channels));
            channels.addAll(listening);
            return listening.get(0);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot listen on " + address + " for the inbound proxy: "
                    + e.getMessage(), e);
        }
    }

    private static InetSocketAddress boundAddress(Channel listener) {
        if (listener == null) {
            throw new IllegalStateException("Inbound proxy not started");
        }
        return (InetSocketAddress) listener.localAddress();
    }

    private static String url(String scheme, InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
