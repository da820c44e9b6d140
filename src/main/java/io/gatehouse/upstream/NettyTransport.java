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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O transport and TLS provider every listener and upstream connection shares: epoll and BoringSSL when the
 * native libraries load, else NIO and the JDK's TLS, each fallback logged once with its cause.
 */
public final class NettyTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NettyTransport.class);

    private final boolean epoll;
    private final SslProvider sslProvider;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;

    private NettyTransport(boolean epoll, SslProvider sslProvider, int workerThreads) {
        this.epoll = epoll;
        this.sslProvider = sslProvider;
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory()
                : NioIoHandler.newFactory());
        this.workerGroup = new MultiThreadIoEventLoopGroup(workerThreads, epoll ? EpollIoHandler.newFactory()
                : NioIoHandler.newFactory());
    }

    /** Picks the best transport and TLS provider this machine offers. {@code workerThreads} 0 means Netty's default. */
    public static NettyTransport create(int workerThreads) {
        boolean epoll = Epoll.isAvailable();
        if (!epoll) {
            log.warn("Native epoll unavailable, using NIO: {}", String.valueOf(Epoll.unavailabilityCause()));
        }
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        if (provider == SslProvider.JDK) {
            log.warn("BoringSSL (netty-tcnative) unavailable, using the JDK's TLS: {}",
                    String.valueOf(OpenSsl.unavailabilityCause()));
        }
        return new NettyTransport(epoll, provider, workerThreads);
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
        return (epoll ? "epoll" : "nio") + ", " + (sslProvider == SslProvider.OPENSSL ? "BoringSSL" : "JDK TLS");
    }

    @Override
    public void close() {
        bossGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
