package io.gatehouse.upstream;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
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
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;

    private NettyTransport(boolean epoll, SslProvider sslProvider, int workerThreads) {
        this.epoll = epoll;
        this.sslProvider = sslProvider;
        this.workerThreads = workerThreads;
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory()
                : NioIoHandler.newFactory());
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

    public EventLoopGroup bossGroup() {
        return bossGroup;
    }

    public EventLoopGroup workerGroup() {
        return workerGroup;
    }

    public Class<? extends ServerSocketChannel> serverChannelType() {
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
        bossGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
