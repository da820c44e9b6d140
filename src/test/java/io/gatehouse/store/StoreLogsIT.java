package io.gatehouse.store;

import static io.gatehouse.store.StoreTestData.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Everything logged while the store opens, writes and closes, at every level, is free of secrets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreLogsIT {
    private static final String DATABASE_PASSWORD = "db-password-never-logged";
    private static final byte[] PASSWORD_HASH = StoreTestData.passwordHash("hash-never-logged");
    private static final byte[] SEALED_KEY = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0x42, 0x17};

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private Level rootLevel;

    @TempDir
    Path dataDir;

    @BeforeEach
    void captureLogs() {
        // Everything down to DEBUG, whatever the test logging configuration says, so that a secret has every chance.
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(captured);
        root.setLevel(rootLevel);
    }

    @Test
    void postgresStore_openWriteAndClose_logsNoSecret() {
        useStore(StoreFactory.open(TestPostgres.newDatabaseUrl(), TestPostgres.USER, DATABASE_PASSWORD, dataDir));

        assertNoSecretLogged();
    }

    @Test
    void sqliteStore_openWriteAndClose_logsNoSecret() {
        useStore(StoreFactory.open(null, null, null, dataDir));

        assertNoSecretLogged();
    }

    private static void useStore(GatehouseStore opened) {
        try (GatehouseStore store = opened) {
            Vault vault = store.createVault("payments", ACTOR);
            AccessCredential credential = store.createCredential(vault.id(), null, PASSWORD_HASH, ACTOR);
            StoredCertificate given = StoreTestData.outbound(store.newCertificateId(), vault.id(), credential.id(),
                    "AA:BB");
            store.insertCertificate(new StoredCertificate(given.id(), given.vaultId(), given.proxyType(),
                    given.credentialId(), null, null, given.chainPem(), SEALED_KEY, given.subject(), given.signer(),
                    given.serialNumber(), given.sha256Fingerprint(), given.notBefore(), given.notAfter(),
                    given.keyAlgorithm(), given.keySize(), given.subjectAltNames(), 1, null), ACTOR);
            store.snapshot();
        }
    }

    private void assertNoSecretLogged() {
        HexFormat hex = HexFormat.of();
        assertThat(captured.list).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain(DATABASE_PASSWORD)
                .doesNotContainIgnoringCase(hex.formatHex(PASSWORD_HASH))
                .doesNotContainIgnoringCase(hex.formatHex(SEALED_KEY)));
    }
}
