import java.io.FileReader;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Fills a vault through the admin API for bench/run.sh: for each index, one access credential and one certificate
 * (a fresh leaf of the bench client CA, all sharing one key) attached to it, a few requests in parallel. Signing
 * in-process keeps the loader from being the limit (an openssl and two curl processes per certificate were).
 * Runs with the Gatehouse jar on the class path, for BouncyCastle.
 *
 *   java -cp gatehouse.jar:classes CertLoad API TOKEN VAULT FROM TO CA.pem CA.key LEAF.key LEAF.pub PARALLEL OUT
 *
 * Prints "RESULT loaded=N seconds=S rate=R" and writes the last credential as "username password" to OUT.
 */
public final class CertLoad {
    private static final Pattern FIELD = Pattern.compile("\"(id|username|password)\":\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        String api = args[0], token = args[1], vault = args[2];
        int from = Integer.parseInt(args[3]), to = Integer.parseInt(args[4]), parallel = Integer.parseInt(args[9]);
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(
                (X509CertificateHolder) read(args[5]));
        PrivateKey caKey = key(read(args[6]));
        String leafPem = Files.readString(Path.of(args[7]));
        PublicKey leafPublic = new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) read(args[8]));
        HttpClient http = HttpClient.newHttpClient();
        AtomicInteger next = new AtomicInteger(from), done = new AtomicInteger(), failed = new AtomicInteger();
        AtomicReference<String> last = new AtomicReference<>();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        for (int t = 0; t < parallel; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i <= to && failed.get() < 10; i = next.getAndIncrement()) {
                    try {
                        String credential = post(http, api + "/vaults/" + vault + "/credentials", token,
                                "{\"description\":\"c" + i + "\"}");
                        String pem = leaf(i, ca, caKey, leafPublic);
                        post(http, api + "/vaults/" + vault + "/certificates", token, "{\"proxyType\":\"OUTBOUND\","
                                + "\"credentialId\":\"" + field(credential, "id") + "\",\"certificate\":\""
                                + json(pem) + "\",\"privateKey\":\"" + json(leafPem) + "\"}");
                        last.set(field(credential, "username") + " " + field(credential, "password"));
                        int n = done.incrementAndGet();
                        if (n % 1000 == 0) {
                            System.err.printf("  %d uploaded, %.1f/s so far%n", n,
                                    n / ((System.nanoTime() - start) / 1e9));
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        System.err.println("certificate " + i + ": " + e.getMessage());
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (last.get() != null) {
            Files.writeString(Path.of(args[10]), last.get() + "\n");
        }
        System.out.printf("RESULT loaded=%d failed=%d seconds=%.1f rate=%.1f%n", done.get(), failed.get(), seconds,
                done.get() / seconds);
        System.exit(failed.get() == 0 ? 0 : 1);
    }

    private static String leaf(int i, X509Certificate ca, PrivateKey caKey, PublicKey key) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new JcaX509CertificateHolder(ca).getSubject(), BigInteger.valueOf(1000L + i),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(30, ChronoUnit.DAYS)),
                new X500Name("CN=bench-" + i), key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        }
        return out.toString();
    }

    private static String post(HttpClient http, String url, String token, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }

    private static String json(String pem) {
        return pem.replace("\r", "").replace("\n", "\\n");
    }

    private static Object read(String path) throws IOException {
        try (PEMParser parser = new PEMParser(new FileReader(path))) {
            return parser.readObject();
        }
    }

    private static PrivateKey key(Object pem) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        return pem instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                : converter.getPrivateKey((PrivateKeyInfo) pem);
    }
}
