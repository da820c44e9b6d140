package io.gatehouse.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ConfigSnapshot;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.StoreFactory;
import io.gatehouse.store.Vault;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyAuthenticatorTest {
    private static final String PASSWORD = "s3cret-generated-password";

    @TempDir
    Path dataDir;
    private GatehouseStore store;
    private LiveConfig liveConfig;
    private Vault vault;
    private AccessCredential credential;

    @BeforeEach
    void createCredential() {
        store = StoreFactory.open(null, null, null, dataDir);
        liveConfig = new LiveConfig(store);
        vault = store.createVault("auth", "test");
        credential = store.createCredential(vault.id(), "client", ProxyTestBed.sha256(PASSWORD), "test");
        liveConfig.refresh();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void authenticate_rightUsernameAndPassword_isTheCredential() {
        AuthenticatedClient client = ProxyAuthenticator.authenticate(basic(credential.username() + ":" + PASSWORD),
                liveConfig.current()).orElseThrow();

        assertThat(client.credentialId()).isEqualTo(credential.id());
        assertThat(client.vaultId()).isEqualTo(vault.id());
    }

    @Test
    void authenticate_lowercaseScheme_isAccepted() {
        HttpHeaders headers = new DefaultHttpHeaders().set("Proxy-Authorization", "basic "
                + encode(credential.username() + ":" + PASSWORD));

        assertThat(ProxyAuthenticator.authenticate(headers, liveConfig.current())).isPresent();
    }

    @Test
    void authenticate_wrongPassword_isRejected() {
        assertThat(ProxyAuthenticator.authenticate(basic(credential.username() + ":" + PASSWORD + "x"),
                liveConfig.current())).isEmpty();
    }

    @Test
    void authenticate_passwordContainingColon_comparesAllOfIt() {
        assertThat(ProxyAuthenticator.authenticate(basic(credential.username() + ":" + PASSWORD + ":"),
                liveConfig.current())).isEmpty();
    }

    @Test
    void authenticate_unknownUsername_isRejected() {
        assertThat(ProxyAuthenticator.authenticate(basic("nobody:" + PASSWORD), liveConfig.current())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic", "Basic ", "Basic !!!not-base64", "Bearer abc", "Basic bm9jb2xvbg=="})
    void authenticate_malformedHeader_isRejected(String value) {
        HttpHeaders headers = new DefaultHttpHeaders().set("Proxy-Authorization", value);

        assertThat(ProxyAuthenticator.authenticate(headers, liveConfig.current())).isEmpty();
    }

    @Test
    void authenticate_withoutHeader_isRejected() {
        assertThat(ProxyAuthenticator.authenticate(new DefaultHttpHeaders(), liveConfig.current())).isEmpty();
    }

    @Test
    void stillExists_afterTheCredentialIsDeleted_isFalse() {
        AuthenticatedClient client = ProxyAuthenticator.authenticate(basic(credential.username() + ":" + PASSWORD),
                liveConfig.current()).orElseThrow();
        ConfigSnapshot before = liveConfig.current();

        store.deleteCredential(vault.id(), credential.id(), "test");
        liveConfig.refresh();

        assertThat(ProxyAuthenticator.stillExists(client, before)).isTrue();
        assertThat(ProxyAuthenticator.stillExists(client, liveConfig.current())).isFalse();
    }

    private static HttpHeaders basic(String userPass) {
        return new DefaultHttpHeaders().set("Proxy-Authorization", "Basic " + encode(userPass));
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
