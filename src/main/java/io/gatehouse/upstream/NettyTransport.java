package io.gatehouse.upstream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O transport and TLS provider every listener and upstream connection shares: epoll and BoringSSL when the
 * native libraries load, else NIO and the JDK's TLS, each fallback logged once with its cause.
 *
 * <p>By default there is one event loop per core, as nginx has one worker per core: nothing on an event loop
 * blocks for long, and Netty's default of two per core only adds context switches and smaller batches per wake-up
 * (measured in docs/benchmarks.md).
 */
public final class NettyTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NettyTransport.class);

    private static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    private final boolean epoll;
    private final int workerThreads;
    private final SslProvider sslProvider;
    /** With NIO only: the thread that accepts for every listener (with epoll each event loop accepts its own). */
    private final EventLoopGroup nioAcceptor;
    private final EventLoopGroup workerGroup;

    private NettyTransport(boolean epoll, SslProvider sslProvider, int workerThreads) {
        this.epoll = epoll;
        this.sslProvider = sslProvider;
        this.workerThreads = workerThreads;
        this.nioAcceptor = epoll ? null : new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workerGroup = new MultiThreadIoEventLoopGroup(workerThreads, epoll ? EpollIoHandler.newFactory()
                : NioIoHandler.newFactory());
    }

    /** Picks the best transport and TLS provider this machine offers. {@code workerThreads} 0 means one per core. */
    public static NettyTransport create(int workerThreads) {
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            // The leak detector records a stack trace for a sample of buffers, a few percent of every request's CPU.
            // It is off unless asked for; the test suite runs it at paranoid.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        boolean epoll = Epoll.isAvailable();
        if (!epoll) {
            log.warn("Native epoll unavailable, using NIO: {}", String.valueOf(Epoll.unavailabilityCause()));
        }
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        if (provider == SslProvider.JDK) {
            log.warn("BoringSSL (netty-tcnative) unavailable, using the JDK's TLS: {}",
                    String.valueOf(OpenSsl.unavailabilityCause()));
        }
        int threads = workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
        return new NettyTransport(epoll, provider, threads);
    }

    public EventLoopGroup workerGroup() {
        return workerGroup;
    }

    /**
     * Listens on {@code address}. With epoll there is one socket per event loop on the same port (SO_REUSEPORT), and
     * each accepts connections onto its own loop, as nginx's workers do: a new connection is registered where it was
     * accepted, without a hand-off to another thread, which profiles of a new connection per request showed. With NIO
     * one socket's connections are spread over the loops. A port of 0 becomes one free port shared by all sockets.
     *
     * @return the listening channels, the first of which tells the bound address
     * @throws RuntimeException when the address cannot be bound; nothing is left listening then
     */
    public List<Channel> listen(InetSocketAddress address, ChannelHandler childHandler) {
        if (!epoll) {
            return List.of(serverBootstrap(nioAcceptor, workerGroup, childHandler).bind(address)
                    .syncUninterruptibly().channel());
        }
        List<Channel> listening = new ArrayList<>();
        InetSocketAddress next = address;
        try {
            for (EventExecutor executor : workerGroup) {
                EventLoop loop = (EventLoop) executor;
                Channel channel = serverBootstrap(loop, loop, childHandler)
                        .option(EpollChannelOption.SO_REUSEPORT, true)
                        .bind(next).syncUninterruptibly().channel();
                listening.add(channel);
                next = (InetSocketAddress) channel.localAddress();
            }
            return List.copyOf(listening);
        } catch (RuntimeException e) {
            listening.forEach(channel -> channel.close().syncUninterruptibly());
            throw e;
        }
    }

    private ServerBootstrap serverBootstrap(EventLoopGroup acceptors, EventLoopGroup workers,
                                            ChannelHandler childHandler) {
        return new ServerBootstrap()
                .group(acceptors, workers)
                .channel(serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(childHandler);
    }

    private Class<? extends ServerSocketChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> channelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public SslProvider sslProvider() {
        return sslProvider;
    }

    public String describe() {
        return (epoll ? "epoll" : "nio") + ", " + (sslProvider == SslProvider.OPENSSL ? "BoringSSL" : "JDK TLS") + ", "
                + workerThreads + (workerThreads == 1 ? " event loop" : " event loops");
    }

    @Override
    public void close() {
        if (nioAcceptor != null) {
            nioAcceptor.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
        workerGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
