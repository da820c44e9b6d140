package io.gatehouse.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * An HTTPS upstream for tests that (by default) requires a client certificate and reports the one it saw. It listens
 * on 127.0.0.1, port 0, with a server certificate for {@code localhost} and {@code 127.0.0.1} issued by its own
 * {@link #serverCa()}, speaks TLS with the JDK provider (which, unlike BoringSSL, accepts Ed25519 client
 * certificates), and turns session resumption off so that every connection is a full handshake.
 *
 * <pre>{@code
 * TestCa partnerCa = TestCa.create("Partner CA");
 * try (MtlsUpstream upstream = MtlsUpstream.builder().requireClientsOf(partnerCa.certificate()).start()) {
 *     // send to "localhost", upstream.port(), trusting upstream.serverCaPem()
 * }
 * }</pre>
 *
 * <p>Every answer carries {@code X-Client-Subject} (subject DN, empty when no certificate was sent),
 * {@code X-Client-Fingerprint} (as {@link Pem#sha256Fingerprint}), {@code X-Client-Chain-Length},
 * {@code X-Connection-Id} (1 for the first accepted connection), {@code X-Seen-Host}, {@code X-Seen-Path} (path and
 * query) and {@code X-Seen-Headers} (the header names). Endpoints:
 * <ul>
 *   <li>{@code /download?bytes=N}: streams N bytes of {@link PatternBody}; {@code X-Body-Crc32} is their CRC32</li>
 *   <li>{@code /upload}: reads the body and answers {@code bytes=N crc32=HEX}, also in {@code X-Upload-Bytes} and
 *       {@code X-Upload-Crc32} (CRC32 in lowercase hex, as {@link Long#toHexString})</li>
 *   <li>{@code /slow?ms=N}: answers after N milliseconds</li>
 *   <li>{@code /reset}: sends the head and part of the body of a response, then closes the connection</li>
 *   <li>{@code /vanish}: answers in full as if keeping the connection, then closes it (an expired keep-alive)</li>
 *   <li>anything else: {@code 200 ok <subject>}</li>
 * </ul>
 */
public final class MtlsUpstream implements AutoCloseable {
    static {
        // Stateless TLS 1.3 tickets would let a client resume; the fixture wants a full handshake every time.
        System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false");
    }

    private final TestCa serverCa;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup openConnections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final List<SeenRequest> requests = new CopyOnWriteArrayList<>();
    private final Channel serverChannel;

    private MtlsUpstream(Builder options) throws SSLException {
        this.serverCa = options.serverCa;
        SslContext tls = options.plainHttp ? null : serverContext(options);
        this.serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        initConnection(channel, tls);
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    /** Starts the options of a fixture: TLS, no client certificate required until {@link Builder#requireClientsOf}. */
    public static Builder builder() {
        return new Builder();
    }

    private SslContext serverContext(Builder options) throws SSLException {
        List<String> names = options.serverNames.isEmpty() ? List.of("localhost", "127.0.0.1") : options.serverNames;
        TestCa.LeafBuilder leaf = serverCa.leaf("mtls-upstream").keyKind(KeyKind.EC_P256).serverOnly();
        for (String name : names) {
            if (Character.isDigit(name.charAt(0))) {
                leaf.ipAddress(name);
            } else {
                leaf.dnsName(name);
            }
        }
        IssuedCertificate server = leaf.issue();
        SslContextBuilder builder = SslContextBuilder.forServer(server.privateKey(), server.chain())
                .sslProvider(SslProvider.JDK)
                .clientAuth(options.clientAuth);
        if (!options.clientCas.isEmpty()) {
            builder.trustManager(options.clientCas);
        }
        SslContext context = builder.build();
        context.sessionContext().setSessionCacheSize(1);
        return context;
    }

    private void initConnection(SocketChannel channel, SslContext tls) {
        int id = connections.incrementAndGet();
        openConnections.add(channel);
        if (tls != null) {
            channel.pipeline().addLast(new HeapCopy());
            channel.pipeline().addLast(tls.newHandler(channel.alloc()));
            channel.pipeline().addLast(new HandshakeCounter());
        }
        channel.pipeline().addLast(new HttpServerCodec(), new ChunkedWriteHandler(),
                new MtlsUpstreamHandler(this, id));
    }

    void record(SeenRequest request) {
        requests.add(request);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The CA that issued the server certificate, to be trusted by the client under test. */
    public TestCa serverCa() {
        return serverCa;
    }

    public String serverCaPem() {
        return serverCa.certificatePem();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return openConnections.size();
    }

    /** TLS handshakes completed successfully so far (with resumption off, one per TLS connection that got one). */
    public int handshakes() {
        return handshakes.get();
    }

    /** The requests received so far, in order of arrival of their heads. */
    public List<SeenRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        openConnections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Moves what the socket read into heap memory before TLS: the JDK's AES-GCM decrypts arrays many times faster
     * than direct buffers, which is the difference between seconds and minutes for a 100 MiB upload.
     */
    private static final class HeapCopy extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf direct && direct.isDirect()) {
                try {
                    ctx.fireChannelRead(ctx.alloc().heapBuffer(direct.readableBytes()).writeBytes(direct));
                } finally {
                    direct.release();
                }
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    /** Counts completed handshakes and invalidates each session so that it cannot be resumed. */
    private final class HandshakeCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent completion && completion.isSuccess()) {
                handshakes.incrementAndGet();
                ctx.pipeline().get(SslHandler.class).engine().getSession().invalidate();
            }
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Options of a fixture. */
    public static final class Builder {
        private TestCa serverCa = TestCa.create("MtlsUpstream Server CA");
        private ClientAuth clientAuth = ClientAuth.NONE;
        private final List<X509Certificate> clientCas = new ArrayList<>();
        private final List<String> serverNames = new ArrayList<>();
        private boolean plainHttp;

        private Builder() {
        }

        /** Requires a client certificate that chains to one of these CAs. */
        public Builder requireClientsOf(X509Certificate... cas) {
            clientCas.addAll(List.of(cas));
            clientAuth = ClientAuth.REQUIRE;
            return this;
        }

        /** Asks for a client certificate chaining to these CAs but also serves clients that send none. */
        public Builder acceptClientsOf(X509Certificate... cas) {
            clientCas.addAll(List.of(cas));
            clientAuth = ClientAuth.OPTIONAL;
            return this;
        }

        /** Issues the server certificate from this CA instead of a fresh one. */
        public Builder serverCa(TestCa ca) {
            this.serverCa = ca;
            return this;
        }

        /** Names (DNS names, or IP addresses) of the server certificate instead of localhost and 127.0.0.1. */
        public Builder serverNames(String... names) {
            serverNames.addAll(List.of(names));
            return this;
        }

        /** Plain HTTP, no TLS at all, for absolute-form forwarding. */
        public Builder plainHttp() {
            this.plainHttp = true;
            return this;
        }

        public MtlsUpstream start() {
            try {
                return new MtlsUpstream(this);
            } catch (SSLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
