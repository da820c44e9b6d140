package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.cert.CertificateIntake;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.secret.KeySealer;
import io.gatehouse.secret.MasterKey;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.StoreUnavailableException;
import io.gatehouse.testing.ApiClient;
import io.gatehouse.testing.ApiClient.Answer;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An admin server whose store is unreachable: the API answers 503 {@code STORE_UNAVAILABLE}, {@code /healthz} stays
 * 200 but says degraded (the node still proxies), and the outbound CA is served from what the node holds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminServerStoreDownIT {
    private static final String TOKEN = "store-down-token";
    private static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    private static GatehouseStore unreachableStore() {
        return (GatehouseStore) Proxy.newProxyInstance(GatehouseStore.class.getClassLoader(),
                new Class<?>[] {GatehouseStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new StoreUnavailableException("connection refused", null);
                });
    }

    private static AdminServer server(GatehouseStore store) {
        Clock clock = Clock.systemUTC();
        return new AdminServer(new AdminSettings("127.0.0.1", 0), store, new LiveConfig(store),
                new KeySealer(MasterKey.generate(new StringBuilder())), new CertificateIntake(clock),
                AdminToken.of(TOKEN), () -> CA_PEM, clock);
    }

    @Test
    void storeDown_apiAnswers503_healthIsDegraded_caIsServed() {
        try (AdminServer server = server(unreachableStore()).start()) {
            ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + server.port()), TOKEN);

            Answer vaults = api.get("/api/v1/vaults");
            Answer create = api.post("/api/v1/vaults", Map.of("name", "x"));
            Answer health = api.withToken(null).get("/healthz");
            Answer ca = api.withToken(null).get("/api/v1/outbound-ca.pem");

            assertThat(vaults.status()).isEqualTo(503);
            assertThat(vaults.errorCode()).isEqualTo("STORE_UNAVAILABLE");
            assertThat(create.status()).isEqualTo(503);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("degraded");
            assertThat(health.json().path("reason").asText()).contains("store");
            assertThat(ca.status()).isEqualTo(200);
            assertThat(ca.body()).isEqualTo(CA_PEM);
            assertThat(ca.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("pem"));
        }
    }
}
