package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token operators present to the admin API. It comes from {@code GATEHOUSE_ADMIN_TOKEN}, else from
 * {@code <data-dir>/admin-token}, generated (mode 0600) on first start. Only its SHA-256 is kept in memory for the
 * comparison, which runs in constant time; {@link #toString()} masks it and no log line shows it.
 */
public final class AdminToken {
    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    public static final String FILE_NAME = "admin-token";
    private static final int GENERATED_LENGTH = 40;

    private final byte[] digest;

    private AdminToken(String token) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("The admin token is empty; set GATEHOUSE_ADMIN_TOKEN to a long random "
                    + "value or remove it to have one generated");
        }
        this.digest = sha256(token);
    }

    /** A token given as is, for tests and embedding. */
    public static AdminToken of(String token) {
        return new AdminToken(requireNonNull(token, "token").strip());
    }

    /** The token from the environment when given, else from the data directory's file, created when missing. */
    public static AdminToken load(Optional<String> fromEnvironment, Path dataDir) {
        requireNonNull(dataDir, "dataDir");
        if (fromEnvironment.isPresent() && !fromEnvironment.get().isBlank()) {
            log.info("Admin token taken from GATEHOUSE_ADMIN_TOKEN");
            return of(fromEnvironment.get());
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            if (Files.exists(file)) {
                log.info("Admin token read from {}", file);
                return of(Files.readString(file, StandardCharsets.US_ASCII));
            }
            String token = RandomText.alphanumeric(GENERATED_LENGTH);
            writeOwnerOnly(file, token + "\n");
            log.info("Admin token generated into {} (mode 0600)", file);
            return of(token);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the admin token file " + file, e);
        }
    }

    /** Whether the presented token is this one, in time that does not depend on where they differ. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".admin-token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
