import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Closed-loop HTTPS load generator for the benchmark harness (bench/run.sh), on Netty with epoll and BoringSSL
 * (netty-tcnative) taken from the Gatehouse jar, so that it spends little CPU per request and leaves the cores to
 * the proxy under test. N connections, spread over one event loop per core, each send GET requests back to back:
 * through an HTTP proxy ({@code CONNECT host:port} with a preemptive {@code Proxy-Authorization: Basic}, then TLS
 * to the upstream through the tunnel) or straight to the upstream (TLS with an optional client certificate).
 * The server's chain is verified against the --trust files and its name against the URL's host. Keep-alive by
 * default; with --new-connection every request gets a new TCP connection, CONNECT and full TLS handshake (no
 * session resumption: sessions are never cached) and asks the server to close after the answer.
 *
 * <p>Prints one line: {@code RESULT requests=.. errors=.. seconds=.. rps=.. p50_ms=.. p99_ms=.. bytes=..
 * cpu_ticks=.. own_cpu_ticks=.. connects=..}. With {@code --cpu-pids 1,2,3} it samples those processes'
 * utime+stime at the start and the end of the measured window (after the warm-up), so the CPU matches the requests
 * counted; own_cpu_ticks is the generator's own CPU over the same window, connects the connections it opened in it.
 * Only requests answered 200 with the whole body (as many bytes as the Content-Length says) count as requests;
 * anything else in the window counts as an error. Latency runs from the request's start (for a new connection:
 * from the TCP connect) to the last byte of the answer; every value is kept and sorted for p50/p99.
 *
 * <p>Run: {@code java -XX:TieredStopAtLevel=1 -cp target/gatehouse.jar:<classes> ProxyLoad
 * --url https://localhost:8443/x [--proxy 127.0.0.1:3128] [--user U --password P] [--trust ca.pem]...
 * [--client-cert c.pem --client-key k.pem | --client-p12 f.p12 --client-p12-password pw] [--connections 16]
 * [--threads cores] [--duration 10] [--warmup 3] [--new-connection] [--cpu-pids 1,2]}
 */
public final class ProxyLoad {
    private static final ByteBuf HEADER_END = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("\r\n\r\n", StandardCharsets.US_ASCII));

    private URI url;
    private InetSocketAddress proxy;
    private String user;
    private String password;
    private final List<Path> trust = new ArrayList<>();
    private Path clientCert;
    private Path clientKey;
    private Path clientP12;
    private String clientP12Password = "";
    private int connections = 16;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int durationSeconds = 10;
    private int warmupSeconds = 3;
    private boolean newConnection;
    private List<Long> cpuPids = new ArrayList<>();

    private String host;
    private int port;
    private SslContext tls;
    private ByteBuf request;
    private ByteBuf connect;
    private long measureFrom;
    private long end;
    private final AtomicLong errorsLogged = new AtomicLong();
    private CountDownLatch finished;

    public static void main(String[] args) throws Exception {
        ProxyLoad load = new ProxyLoad();
        load.parse(args);
        load.run();
        System.exit(0);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--url" -> url = URI.create(args[++i]);
                case "--proxy" -> {
                    String[] hp = args[++i].split(":");
                    proxy = new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
                }
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--trust" -> trust.add(Path.of(args[++i]));
                case "--client-cert" -> clientCert = Path.of(args[++i]);
                case "--client-key" -> clientKey = Path.of(args[++i]);
                case "--client-p12" -> clientP12 = Path.of(args[++i]);
                case "--client-p12-password" -> clientP12Password = args[++i];
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--duration" -> durationSeconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--new-connection" -> newConnection = true;
                case "--cpu-pids" -> cpuPids = parsePids(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (url == null || !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("--url https://host[:port]/path is required");
        }
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalArgumentException("--client-cert and --client-key go together");
        }
        host = url.getHost();
        port = url.getPort() < 0 ? 443 : url.getPort();
    }

    private static List<Long> parsePids(String list) {
        List<Long> pids = new ArrayList<>();
        for (String p : list.split(",")) {
            if (!p.isBlank() && !p.equals("-")) {
                pids.add(Long.parseLong(p.trim()));
            }
        }
        return pids;
    }

    /** utime + stime of the given processes in clock ticks, from /proc/PID/stat (fields 14 and 15). */
    private static long cpuTicks(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (java.io.IOException | RuntimeException e) {
                System.err.println("cannot read /proc/" + pid + "/stat: " + e);
            }
        }
        return total;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    private SslContext tls() throws Exception {
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        int n = 0;
        for (Path p : trust) {
            try (InputStream in = Files.newInputStream(p)) {
                for (Certificate c : x509.generateCertificates(in)) {
                    trustStore.setCertificateEntry("ca" + n++, c);
                }
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .trustManager(tmf).endpointIdentificationAlgorithm("HTTPS");
        KeyStore keys = clientKeys();
        if (keys != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, clientP12Password.toCharArray());
            // The caching factory converts the key and chain for BoringSSL once, not on every handshake.
            b.keyManager(OpenSsl.isAvailable() ? new OpenSslCachingX509KeyManagerFactory(kmf) : kmf);
        }
        return b.build();
    }

    /** The client certificate and key (PEM pair or PKCS#12) as a key store, or null without one. */
    private KeyStore clientKeys() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        if (clientP12 != null) {
            try (InputStream in = Files.newInputStream(clientP12)) {
                keys.load(in, clientP12Password.toCharArray());
            }
            return keys;
        }
        if (clientCert == null) {
            return null;
        }
        List<Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(clientCert)) {
            chain.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
        PrivateKey key;
        try (PEMParser pem = new PEMParser(Files.newBufferedReader(clientKey))) {
            Object o = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            key = o instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((PrivateKeyInfo) o);
        }
        keys.load(null, null);
        keys.setKeyEntry("client", key, clientP12Password.toCharArray(), chain.toArray(new Certificate[0]));
        return keys;
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(s.length()).writeBytes(
                s.getBytes(StandardCharsets.US_ASCII)));
    }

    private void prepare() throws Exception {
        tls = tls();
        String authority = host + ":" + port;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        request = ascii("GET " + path + " HTTP/1.1\r\nHost: " + authority + "\r\nUser-Agent: ProxyLoad\r\n"
                + (newConnection ? "Connection: close\r\n" : "") + "\r\n");
        String auth = user == null ? "" : "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n";
        connect = ascii("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n" + auth + "\r\n");
    }

    private void run() throws Exception {
        prepare();
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Bootstrap base = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        InetSocketAddress target = proxy != null ? proxy : new InetSocketAddress(host, port);
        System.err.printf("ProxyLoad: %d connections on %d %s event loops, TLS %s%n", connections, threads,
                epoll ? "epoll" : "NIO", OpenSsl.isAvailable() ? OpenSsl.versionString() : "JDK");
        long start = System.nanoTime();
        measureFrom = start + warmupSeconds * 1_000_000_000L;
        end = measureFrom + durationSeconds * 1_000_000_000L;
        finished = new CountDownLatch(connections);
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            EventLoop loop = group.next();
            Slot slot = new Slot(loop, target);
            slot.bootstrap = base.clone(loop).handler(new Init(slot));
            slots.add(slot);
            loop.execute(slot::connect);
        }
        List<Long> self = List.of(ProcessHandle.current().pid());
        sleepUntil(measureFrom);
        long cpuBefore = cpuTicks(cpuPids);
        long ownBefore = cpuTicks(self);
        sleepUntil(end);
        long cpuAfter = cpuTicks(cpuPids);
        long ownAfter = cpuTicks(self);
        finished.await(35, TimeUnit.SECONDS);
        for (Slot s : slots) {
            s.loop.submit(s::finish).get(); // also makes the slot's counters visible here
        }
        report(slots, cpuAfter - cpuBefore, ownAfter - ownBefore);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private void report(List<Slot> slots, long cpu, long own) {
        int total = 0;
        long errors = 0;
        long bytes = 0;
        long opened = 0;
        for (Slot s : slots) {
            opened += s.opened;
            total += s.count;
            errors += s.errors;
            bytes += s.bytes;
        }
        long[] all = new long[total];
        int at = 0;
        for (Slot s : slots) {
            System.arraycopy(s.latencies, 0, all, at, s.count);
            at += s.count;
        }
        Arrays.sort(all);
        System.out.printf("RESULT requests=%d errors=%d seconds=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f bytes=%d"
                        + " cpu_ticks=%d own_cpu_ticks=%d connects=%d%n",
                total, errors, durationSeconds, total / (double) durationSeconds,
                percentile(all, 50) / 1e6, percentile(all, 99) / 1e6, bytes, cpu, own, opened);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** TLS, the response decoder and the response handler, after the tunnel is up (or at once, direct). */
    private void addHttps(ChannelPipeline p, Slot slot) {
        // Port -1: the client session cache keys on host and port and skips -1, so no handshake is ever resumed.
        SslHandler ssl = tls.newHandler(p.channel().alloc(), host, -1);
        p.addLast(ssl, new HttpResponseDecoder(), new Answer(slot));
        Channel ch = p.channel();
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                slot.send(ch);
            } else {
                slot.failed(ch, f.cause());
            }
        });
    }

    /**
     * One closed-loop client: one request at a time, on one connection at a time, all on one event loop thread
     * (so its fields need no locks). Old connections' late events are ignored by comparing against {@link #channel}.
     */
    private final class Slot {
        final EventLoop loop;
        final InetSocketAddress target;
        Bootstrap bootstrap;
        Channel channel;
        boolean inFlight;
        boolean done;
        long begin;
        long[] latencies = new long[1 << 12];
        int count;
        long bytes;
        long errors;
        long opened;

        Slot(EventLoop loop, InetSocketAddress target) {
            this.loop = loop;
            this.target = target;
        }

        void connect() {
            if (done) {
                return;
            }
            begin = System.nanoTime();
            inFlight = true;
            if (begin >= measureFrom && begin <= end) {
                opened++;
            }
            ChannelFuture f = bootstrap.connect(target);
            channel = f.channel();
            f.addListener(r -> {
                if (!r.isSuccess()) {
                    failed(f.channel(), r.cause());
                }
            });
        }

        void send(Channel ch) {
            if (ch == channel) {
                ch.writeAndFlush(request.duplicate(), ch.voidPromise());
            }
        }

        void answered(Channel ch, boolean ok, long body, boolean keepAlive) {
            if (ch != channel) {
                return;
            }
            long now = System.nanoTime();
            inFlight = false;
            record(now, ok, body, "answer not 200 or body incomplete");
            if (now >= end) {
                finish();
            } else if (newConnection || !keepAlive) {
                ch.close();
                connect();
            } else {
                begin = now;
                inFlight = true;
                send(ch);
            }
        }

        void failed(Channel ch, Object cause) {
            if (ch != channel || done) {
                return;
            }
            long now = System.nanoTime();
            if (inFlight) {
                record(now, false, 0, cause);
            }
            inFlight = false;
            channel = null;
            ch.close();
            if (now >= end) {
                finish();
            } else {
                loop.schedule(this::connect, 10, TimeUnit.MILLISECONDS); // no busy loop on a refused port
            }
        }

        void record(long now, boolean ok, long body, Object why) {
            if (begin < measureFrom || now > end) {
                return;
            }
            if (ok) {
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = now - begin;
                bytes += body;
            } else {
                errors++;
                if (errorsLogged.getAndIncrement() < 3) {
                    System.err.println("request failed: " + describe(why));
                }
            }
        }

        /** An exception with its root cause, which for a handshake says what was wrong with the certificate. */
        private static String describe(Object why) {
            if (!(why instanceof Throwable t)) {
                return String.valueOf(why);
            }
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root == t ? t.toString() : t + " (cause: " + root + ")";
        }

        void finish() {
            if (!done) {
                done = true;
                if (channel != null) {
                    channel.close();
                    channel = null;
                }
                finished.countDown();
            }
        }
    }

    /** Pipeline of a new connection: a read timeout, then the CONNECT exchange or TLS straight away. */
    private final class Init extends ChannelInitializer<Channel> {
        private final Slot slot;

        Init(Slot slot) {
            this.slot = slot;
        }

        @Override
        protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new ReadTimeoutHandler(30));
            if (proxy != null) {
                ch.pipeline().addLast(new Tunnel(slot));
            } else {
                addHttps(ch.pipeline(), slot);
            }
        }
    }

    /** Sends CONNECT when the connection is up, waits for the proxy's 200, then hands the tunnel to TLS. */
    private final class Tunnel extends ChannelInboundHandlerAdapter {
        private final Slot slot;
        private ByteBuf head;

        Tunnel(Slot slot) {
            this.slot = slot;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(connect.duplicate(), ctx.voidPromise());
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (head == null) {
                head = ctx.alloc().heapBuffer(256);
            }
            head.writeBytes(in);
            in.release();
            int at = ByteBufUtil.indexOf(HEADER_END, head);
            if (at < 0) {
                if (head.readableBytes() > 16384) {
                    slot.failed(ctx.channel(), "CONNECT answer too long");
                }
                return;
            }
            String status = head.toString(0, at, StandardCharsets.US_ASCII).split("\r\n", 2)[0];
            head.readerIndex(at + 4);
            String[] parts = status.split(" ");
            if (parts.length < 2 || !parts[1].equals("200")) {
                slot.failed(ctx.channel(), "CONNECT answered " + status);
                return;
            }
            ByteBuf rest = head;
            head = null;
            addHttps(ctx.pipeline(), slot);
            ctx.pipeline().remove(this);
            if (rest.isReadable()) {
                ctx.fireChannelRead(rest);
            } else {
                rest.release();
            }
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (head != null) {
                head.release();
                head = null;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            slot.failed(ctx.channel(), "connection closed before the tunnel was up");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            slot.failed(ctx.channel(), cause);
        }
    }

    /** Reads one answer at a time: its status, how many body bytes came against the Content-Length, keep-alive. */
    private static final class Answer extends ChannelInboundHandlerAdapter {
        private final Slot slot;
        private int status;
        private long expected;
        private long received;
        private boolean keepAlive;

        Answer(Slot slot) {
            this.slot = slot;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
                    slot.failed(ctx.channel(), o.decoderResult().cause());
                    return;
                }
                if (msg instanceof HttpResponse r) {
                    status = r.status().code();
                    expected = HttpUtil.getContentLength(r, -1L);
                    keepAlive = HttpUtil.isKeepAlive(r);
                    received = 0;
                }
                if (msg instanceof HttpContent c) {
                    received += c.content().readableBytes();
                }
                if (msg instanceof LastHttpContent) {
                    boolean ok = status == 200 && (expected < 0 || received == expected);
                    slot.answered(ctx.channel(), ok, received, keepAlive);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            slot.failed(ctx.channel(), "connection closed");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            slot.failed(ctx.channel(), cause);
        }
    }
}
