package io.gatehouse.outbound;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound (forward) proxy: a plain HTTP listener and, when configured, a TLS listener whose certificate the
 * outbound CA issues for {@code localhost}, the listener's IP and {@code --outbound-tls-hostname}.
 *
 * <p>Clients authenticate with an access credential as proxy user and password. A {@code CONNECT host:port} is
 * answered at once and its TLS terminated with a leaf for the host; each request inside goes to {@code host:port}
 * over TLS presenting the certificate selected for the credential. Absolute-form {@code http://} requests go out as
 * plain HTTP, {@code https://} ones over TLS with the credential's certificate.
 *
 * <pre>{@code
 * curl -x http://USERNAME:PASSWORD@127.0.0.1:3128 --cacert gatehouse-data/outbound-ca.pem https://partner.example/
 * }</pre>
 *
 * <p>The transport, the upstream client and the outbound CA belong to the caller, which closes them after this.
 */
public final class OutboundProxyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboundProxyServer.class);

    private final NettyTransport transport;
    private final LiveConfig liveConfig;
    private final UpstreamClient upstreamClient;
    private final OutboundCa outboundCa;
    private final OutboundSettings settings;
    private final List<Channel> listeners = new ArrayList<>();
    private final ChannelGroup clientConnections = new DefaultChannelGroup("outbound-clients",
            GlobalEventExecutor.INSTANCE);
    private SslContext listenerContext;
    private InetSocketAddress plainAddress;
    private InetSocketAddress tlsAddress;

    public OutboundProxyServer(NettyTransport transport, LiveConfig liveConfig, UpstreamClient upstreamClient,
                               OutboundCa outboundCa, OutboundSettings settings) {
        this.transport = requireNonNull(transport, "transport");
        this.liveConfig = requireNonNull(liveConfig, "liveConfig");
        this.upstreamClient = requireNonNull(upstreamClient, "upstreamClient");
        this.outboundCa = requireNonNull(outboundCa, "outboundCa");
        this.settings = requireNonNull(settings, "settings");
    }

    /** Binds the listeners; throws when an address cannot be bound, with nothing left open. */
    public synchronized void start() {
        if (!listeners.isEmpty()) {
            throw new IllegalStateException("The outbound proxy is already started");
        }
        try {
            plainAddress = bind(settings.plainAddress(), null);
            log.info("Outbound proxy listening on http://{}", hostAndPort(plainAddress));
            if (settings.tlsAddress() != null) {
                listenerContext = outboundCa.newServerContext(listenerNames());
                tlsAddress = bind(settings.tlsAddress(), listenerContext);
                log.info("Outbound proxy listening on https://{}", hostAndPort(tlsAddress));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The bound address of the plain listener (with its real port when 0 was asked for). */
    public synchronized InetSocketAddress plainAddress() {
        return requireStarted(plainAddress);
    }

    /** The bound address of the TLS listener, empty when none is configured. */
    public synchronized Optional<InetSocketAddress> tlsAddress() {
        requireStarted(plainAddress);
        return Optional.ofNullable(tlsAddress);
    }

    /** Closes the listeners and every client connection, then releases the TLS listener's context. */
    @Override
    public synchronized void close() {
        for (Channel listener : listeners) {
            listener.close().syncUninterruptibly();
        }
        clientConnections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (!listeners.isEmpty()) {
            log.info("Outbound proxy stopped");
        }
        listeners.clear();
        if (listenerContext != null) {
            ReferenceCountUtil.release(listenerContext);
            listenerContext = null;
        }
    }

    private InetSocketAddress bind(InetSocketAddress address, SslContext tls) {
        List<Channel> listening;
        try {
            listening = transport.listen(address, new OutboundChannelInitializer(liveConfig, upstreamClient,
                    outboundCa, settings, tls, clientConnections));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot listen on " + hostAndPort(address) + " for the outbound proxy: "
                    + e.getMessage(), e);
        }
        listeners.addAll(listening);
        return (InetSocketAddress) listening.get(0).localAddress();
    }

    /** {@code localhost}, the listener's IP unless it is the wildcard, and the configured hostname. */
    private List<String> listenerNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add("localhost");
        InetAddress ip = settings.tlsAddress().getAddress();
        if (ip != null && !ip.isAnyLocalAddress()) {
            names.add(ip.getHostAddress());
        }
        if (settings.tlsHostname() != null) {
            names.add(settings.tlsHostname());
        }
        return List.copyOf(names);
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static <T> T requireStarted(T value) {
        if (value == null) {
            throw new IllegalStateException("The outbound proxy is not started");
        }
        return value;
    }
}
