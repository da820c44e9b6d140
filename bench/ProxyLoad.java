import java.io.InputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Closed-loop HTTP load generator for the benchmark harness (bench/run.sh): N worker threads each send GET requests
 * back to back, through an HTTP proxy (CONNECT tunnel, optional Basic proxy auth) or directly, for a fixed time.
 * Keep-alive by default: one shared HttpClient whose pool holds about N connections. With --new-connection every
 * request gets its own HttpClient, so its own TCP + TLS (and CONNECT) handshake.
 *
 * <p>Prints one line: {@code RESULT requests=.. errors=.. seconds=.. rps=.. p50_ms=.. p99_ms=.. bytes=.. cpu_ticks=..}.
 * With {@code --cpu-pids 1,2,3} it samples those processes' utime+stime at the start and the end of the measured
 * window (after the warm-up), so the CPU matches the requests counted.
 * Only requests answered 200 with the full body count as requests; anything else counts as an error.
 *
 * <p>Run: {@code java -Djdk.http.auth.tunneling.disabledSchemes= bench/ProxyLoad.java --url https://localhost:8443/x
 * [--proxy 127.0.0.1:3128] [--user U --password P] [--trust ca.pem]... [--client-p12 f.p12 --client-p12-password pw]
 * [--connections 16] [--duration 10] [--warmup 3] [--new-connection]}
 */
public final class ProxyLoad {
    private URI url;
    private InetSocketAddress proxy;
    private String user;
    private String password;
    private final List<Path> trust = new ArrayList<>();
    private Path clientP12;
    private String clientP12Password = "";
    private int connections = 16;
    private int durationSeconds = 10;
    private int warmupSeconds = 3;
    private boolean newConnection;
    private List<Long> cpuPids = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        ProxyLoad load = new ProxyLoad();
        load.parse(args);
        load.run();
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
                case "--client-p12" -> clientP12 = Path.of(args[++i]);
                case "--client-p12-password" -> clientP12Password = args[++i];
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--duration" -> durationSeconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--new-connection" -> newConnection = true;
                case "--cpu-pids" -> cpuPids = parsePids(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
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
    private long cpuTicks() {
        long total = 0;
        for (long pid : cpuPids) {
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

    private SSLContext tls() throws Exception {
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
        KeyManagerFactory kmf = null;
        if (clientP12 != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(clientP12)) {
                keys.load(in, clientP12Password.toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, clientP12Password.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private HttpClient client(SSLContext context) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).sslContext(context);
        if (proxy != null) {
            b.proxy(ProxySelector.of(proxy));
        }
        if (user != null) {
            b.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return getRequestorType() == RequestorType.PROXY
                            ? new PasswordAuthentication(user, password.toCharArray()) : null;
                }
            });
        }
        return b.build();
    }

    private void run() throws Exception {
        SSLContext context = tls();
        HttpClient shared = newConnection ? null : client(context);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build();
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long end = measureFrom + durationSeconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        Thread[] threads = new Thread[connections];
        for (int t = 0; t < connections; t++) {
            final int id = t;
            threads[t] = new Thread(() -> {
                long[] lat = new long[1 << 14];
                int count = 0;
                long now = System.nanoTime();
                while (now < end) {
                    long begin = now;
                    boolean ok;
                    long got = 0;
                    try {
                        HttpClient c = shared != null ? shared : client(context);
                        HttpResponse<byte[]> r = c.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        ok = r.statusCode() == 200;
                        got = r.body().length;
                    } catch (Exception e) {
                        ok = false;
                        if (errors.get() < 3) {
                            System.err.println("request failed: " + e);
                        }
                    }
                    now = System.nanoTime();
                    if (begin >= measureFrom && now <= end) {
                        if (ok) {
                            if (count == lat.length) {
                                lat = Arrays.copyOf(lat, count * 2);
                            }
                            lat[count++] = now - begin;
                            bytes.addAndGet(got);
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                }
                latencies[id] = lat;
                counts[id] = count;
            }, "load-" + t);
            threads[t].start();
        }
        sleepUntil(measureFrom);
        long cpuBefore = cpuTicks();
        sleepUntil(end);
        long cpuAfter = cpuTicks();
        for (Thread t : threads) {
            t.join();
        }
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < connections; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        System.out.printf("RESULT requests=%d errors=%d seconds=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f bytes=%d"
                        + " cpu_ticks=%d%n",
                total, errors.get(), durationSeconds, total / (double) durationSeconds,
                percentile(all, 50) / 1e6, percentile(all, 99) / 1e6, bytes.get(), cpuAfter - cpuBefore);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
