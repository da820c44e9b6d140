package io.gatehouse.outbound;

import io.gatehouse.config.ConfigSnapshot;
import io.gatehouse.config.ConfigSnapshots;
import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.StoreSnapshot;
import io.gatehouse.store.Vault;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request credential check of the outbound proxy: decoding {@code Proxy-Authorization: Basic}, hashing the
 * presented password and looking the username up in a snapshot of 10 or 10,000 access credentials.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProxyAuthenticatorBenchmark {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    @Param({"10", "10000"})
    public int credentials;

    private ConfigSnapshot snapshot;
    private HttpHeaders rightPassword;
    private HttpHeaders wrongPassword;

    @Setup
    public void buildSnapshot() {
        Vault vault = new Vault("tntbenchmrk", "benchmark", CREATED);
        List<AccessCredential> all = new ArrayList<>();
        for (int i = 0; i < credentials; i++) {
            byte[] password = password(i).getBytes(StandardCharsets.UTF_8);
            all.add(new AccessCredential("crd" + i, vault.id(), username(i), null,
                    AccessCredential.hashPassword(password, 0, password.length), CREATED));
        }
        snapshot = ConfigSnapshots.of(new StoreSnapshot(1, List.of(vault), all, List.of(), List.of(),
                Optional.empty()));
        int chosen = credentials / 2;
        rightPassword = basic(username(chosen) + ":" + password(chosen));
        wrongPassword = basic(username(chosen) + ":" + password(chosen) + "x");
    }

    @Benchmark
    public Optional<?> rightPassword() {
        return ProxyAuthenticator.authenticate(rightPassword, snapshot);
    }

    @Benchmark
    public Optional<?> wrongPassword() {
        return ProxyAuthenticator.authenticate(wrongPassword, snapshot);
    }

    private static String username(int i) {
        return "client-" + i;
    }

    /** As long as a generated password: 128 bits of randomness in base64url. */
    private static String password(int i) {
        return String.format("Zk3q8Vw1pR0xYt7mN2bL%02d", i % 100);
    }

    private static HttpHeaders basic(String userPass) {
        return new DefaultHttpHeaders().set(HttpHeaderNames.PROXY_AUTHORIZATION,
                "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)));
    }
}
