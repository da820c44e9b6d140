package io.gatehouse.secret;

import static java.util.Objects.requireNonNull;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key under which every private key is sealed: a Tink AES-256-GCM keyset. Its text form (base64 of the keyset's
 * JSON) is what {@code GATEHOUSE_MASTER_KEY} and {@code <data-dir>/master.key} hold, so the nodes of a cluster share
 * it by being given one node's file. The text is never logged and {@link #toString()} masks it.
 */
public final class MasterKey {
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    static final String FILE_NAME = "master.key";

    private final Aead aead;

    private MasterKey(KeysetHandle keyset) {
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The master key is not an AEAD keyset", e);
        }
    }

    /** Generates a new master key and returns it with its text form. */
    public static MasterKey generate(StringBuilder textOut) {
        try {
            register();
            KeysetHandle keyset = KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM"));
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
            textOut.append(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
            return new MasterKey(keyset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a master key", e);
        }
    }

    /** Parses the text form; the message of a failure never contains the text. */
    public static MasterKey fromText(String text) {
        requireNonNull(text, "text");
        try {
            register();
            String json = new String(Base64.getDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            return new MasterKey(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("The master key is not in Gatehouse's text form "
                    + "(base64 of a Tink AES256_GCM keyset); copy it whole from a node's master.key");
        }
    }

    /**
     * The master key from {@code GATEHOUSE_MASTER_KEY} when given, else from {@code <dataDir>/master.key}, which is
     * created (mode 0600) on first start.
     */
    public static MasterKey load(Optional<String> fromEnvironment, Path dataDir) {
        if (fromEnvironment.isPresent() && !fromEnvironment.get().isBlank()) {
            log.info("Master key taken from GATEHOUSE_MASTER_KEY");
            return fromText(fromEnvironment.get());
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return fromText(Files.readString(file, StandardCharsets.US_ASCII));
            }
            StringBuilder text = new StringBuilder();
            MasterKey key = generate(text);
            SecretFiles.writeOwnerOnly(file, text.toString());
            log.info("Master key generated into {} (mode 0600); back it up: without it no sealed key can be read",
                    file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    Aead aead() {
        return aead;
    }

    @Override
    public String toString() {
        return "MasterKey[****]";
    }

    private static void register() throws GeneralSecurityException {
        AeadConfig.register();
    }

    /** Files that only the owner may read. */
    static final class SecretFiles {
        private SecretFiles() {
        }

        static void writeOwnerOnly(Path file, String content) throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".secret", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
