package io.gatehouse.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.secret.KeySealer;
import io.gatehouse.secret.MasterKey;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.StoreFactory;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboundCaTest {
    private static final SslProvider PROVIDER = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;

    @TempDir
    Path dataDir;

    @Test
    void loadOrCreate_onAnEmptyStore_createsTheCaAndWritesItsCertificateFile() throws Exception {
        try (GatehouseStore store = StoreFactory.open(null, null, null, dataDir);
             OutboundCa ca = OutboundCa.loadOrCreate(store, sealer(), dataDir, PROVIDER, 10)) {

            assertThat(store.loadOutboundCa()).isPresent();
            assertThat(Files.readString(dataDir.resolve("outbound-ca.pem"))).isEqualTo(ca.certificatePem());
            assertThat(ca.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n")
                    .doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void loadOrCreate_afterRestart_givesTheSameCa() {
        KeySealer sealer = sealer();
        String first;
        try (GatehouseStore store = StoreFactory.open(null, null, null, dataDir);
             OutboundCa ca = OutboundCa.loadOrCreate(store, sealer, dataDir, PROVIDER, 10)) {
            first = ca.certificatePem();
        }

        try (GatehouseStore store = StoreFactory.open(null, null, null, dataDir);
             OutboundCa ca = OutboundCa.loadOrCreate(store, sealer(), dataDir, PROVIDER, 10)) {
            assertThat(ca.certificatePem()).isEqualTo(first);
        }
    }

    @Test
    void secondCa_onTheSameStore_sharesTheFirstOne(@TempDir Path otherNodeDir) throws Exception {
        KeySealer sealer = sealer();
        try (GatehouseStore store = StoreFactory.open(null, null, null, dataDir);
             OutboundCa first = OutboundCa.loadOrCreate(store, sealer, dataDir, PROVIDER, 10);
             OutboundCa second = OutboundCa.loadOrCreate(store, sealer, otherNodeDir, PROVIDER, 10)) {

            assertThat(second.certificate()).isEqualTo(first.certificate());
            assertThat(Files.readString(otherNodeDir.resolve("outbound-ca.pem"))).isEqualTo(first.certificatePem());
        }
    }

    @Test
    void storedCa_isSealedAndOpensOnlyUnderItsMasterKey(@TempDir Path otherKeyDir) {
        try (GatehouseStore store = StoreFactory.open(null, null, null, dataDir);
             OutboundCa ca = OutboundCa.loadOrCreate(store, sealer(), dataDir, PROVIDER, 10)) {
            byte[] sealed = store.loadOutboundCa().orElseThrow();
            String asText = new String(sealed, StandardCharsets.ISO_8859_1);

            assertThat(asText).doesNotContain("Gatehouse Outbound CA");
            KeySealer otherKey = new KeySealer(MasterKey.load(Optional.empty(), otherKeyDir));
            assertThatThrownBy(() -> OutboundCa.loadOrCreate(store, otherKey, otherKeyDir, PROVIDER, 10))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another master key");
        }
    }

    @Test
    void interceptionHandlers_forOneHost_shareOneLeafAndTheCacheStaysBounded() {
        try (GatehouseStore store = StoreFactory.open(null, null, null, dataDir);
             OutboundCa ca = OutboundCa.loadOrCreate(store, sealer(), dataDir, PROVIDER, 2)) {
            release(ca.newInterceptionHandler("a.example", ByteBufAllocator.DEFAULT));
            release(ca.newInterceptionHandler("A.example", ByteBufAllocator.DEFAULT));
            assertThat(ca.cachedHosts()).isEqualTo(1);

            for (String host : new String[] {"b.example", "c.example", "d.example", "127.0.0.1"}) {
                release(ca.newInterceptionHandler(host, ByteBufAllocator.DEFAULT));
            }

            assertThat(ca.cachedHosts()).isLessThanOrEqualTo(2);
        }
    }

    private static void release(SslHandler handler) {
        ReferenceCountUtil.release(handler.engine());
    }

    private KeySealer sealer() {
        return new KeySealer(MasterKey.load(Optional.empty(), dataDir));
    }
}
