package io.gatehouse.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The settings of {@code gatehouse serve}, validated once at start: addresses are {@code host:port}, files exist and
 * are readable, the inbound TLS certificate comes with its key. {@link #toString()} masks the database password.
 *
 * @param databaseUrl empty for the embedded store in the data directory
 */
public record ServeSettings(
        HostPort adminAddress,
        HostPort inboundHttpAddress,
        HostPort inboundHttpsAddress,
        HostPort outboundAddress,
        HostPort outboundTlsAddress,
        Optional<String> outboundTlsHostname,
        String inboundDomain,
        Optional<Path> inboundTlsCert,
        Optional<Path> inboundTlsKey,
        Path dataDir,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Optional<Path> upstreamCa) {

    public ServeSettings {
        requireNonNull(adminAddress, "adminAddress");
        requireNonNull(dataDir, "dataDir");
        if (inboundTlsCert.isPresent() != inboundTlsKey.isPresent()) {
            throw new IllegalArgumentException("--inbound-tls-cert and --inbound-tls-key go together; give both "
                    + "(PEM files) or neither");
        }
        if (inboundDomain.isBlank() || inboundDomain.contains("/") || inboundDomain.contains(":")) {
            throw new IllegalArgumentException("--inbound-domain is '" + inboundDomain
                    + "', expected a DNS domain such as localhost or gw.example.com");
        }
        databaseUrl.filter(url -> !url.startsWith("jdbc:")).ifPresent(url -> {
            throw new IllegalArgumentException("--database-url is '" + url + "', expected a JDBC URL such as "
                    + "jdbc:postgresql://db:5432/gatehouse");
        });
    }

    /** A file option: absent when not given, else a readable regular file. */
    static Optional<Path> readableFile(String setting, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(value);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new IllegalArgumentException(setting + " is '" + value + "', expected a readable file");
            }
            return Optional.of(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(setting + " is '" + value + "', expected a file path");
        }
    }

    /** A directory option: it may not exist yet, but must not be a file. */
    static Path directory(String setting, String value) {
        try {
            Path path = Path.of(value);
            if (Files.exists(path) && !Files.isDirectory(path)) {
                throw new IllegalArgumentException(setting + " is '" + value + "', expected a directory, not a file");
            }
            return path;
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(setting + " is '" + value + "', expected a directory path");
        }
    }

    static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public String toString() {
        return "ServeSettings[admin=" + adminAddress + ", inboundHttp=" + inboundHttpAddress + ", inboundHttps="
                + inboundHttpsAddress + ", outbound=" + outboundAddress + ", outboundTls=" + outboundTlsAddress
                + ", inboundDomain=" + inboundDomain + ", dataDir=" + dataDir + ", database="
                + databaseUrl.orElse("embedded") + ", databasePassword=" + databasePassword.map(p -> "****")
                .orElse("none") + "]";
    }
}
