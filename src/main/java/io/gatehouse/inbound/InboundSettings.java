package io.gatehouse.inbound;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings of the inbound proxy, validated once at start.
 *
 * @param httpAddress where plain HTTP callers connect ({@code --inbound-http-address}); port 0 picks a free one
 * @param httpsAddress where TLS callers connect ({@code --inbound-https-address}); port 0 picks a free one
 * @param inboundDomain the domain under which {@code <vaultId>.<domain>} names a vault ({@code --inbound-domain})
 * @param dataDir where the self-signed listener certificate is kept when no certificate file is given
 * @param tlsCertFile PEM certificate chain of the HTTPS listener ({@code --inbound-tls-cert}), or null
 * @param tlsKeyFile PEM private key of the HTTPS listener ({@code --inbound-tls-key}), or null
 * @param maxRequestLineLength longest request line accepted; a longer one is answered 414
 * @param maxHeaderSize largest header block accepted; a larger one is answered 431
 * @param clientIdleTimeout how long a client connection may pass no bytes either way before it is closed; longer
 *     than the upstream response timeout, so that waiting for a slow upstream is not mistaken for idleness
 */
public record InboundSettings(
        InetSocketAddress httpAddress,
        InetSocketAddress httpsAddress,
        String inboundDomain,
        Path dataDir,
        Path tlsCertFile,
        Path tlsKeyFile,
        int maxRequestLineLength,
        int maxHeaderSize,
        Duration clientIdleTimeout) {

    public static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 8 * 1024;
    public static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
    public static final Duration DEFAULT_CLIENT_IDLE_TIMEOUT = Duration.ofSeconds(120);

    public InboundSettings {
        requireNonNull(httpAddress, "httpAddress");
        requireNonNull(httpsAddress, "httpsAddress");
        requireNonNull(inboundDomain, "inboundDomain");
        requireNonNull(dataDir, "dataDir");
        inboundDomain = normalizeDomain(inboundDomain);
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException("--inbound-tls-cert and --inbound-tls-key must be given together, "
                    + "was cert=" + tlsCertFile + ", key=" + tlsKeyFile);
        }
        requireUsableLimit("maxRequestLineLength", maxRequestLineLength);
        requireUsableLimit("maxHeaderSize", maxHeaderSize);
        requireNonNull(clientIdleTimeout, "clientIdleTimeout");
        if (clientIdleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("clientIdleTimeout must be positive, was " + clientIdleTimeout);
        }
    }

    /** The defaults of {@code gatehouse serve}: 127.0.0.1:8080 and :8443, domain {@code localhost}, self-signed. */
    public static InboundSettings defaults(Path dataDir) {
        return new InboundSettings(new InetSocketAddress("127.0.0.1", 8080), new InetSocketAddress("127.0.0.1", 8443),
                "localhost", dataDir, null, null, DEFAULT_MAX_REQUEST_LINE_LENGTH, DEFAULT_MAX_HEADER_SIZE,
                DEFAULT_CLIENT_IDLE_TIMEOUT);
    }

    /** Both listeners on loopback with free ports, as tests use them. */
    public static InboundSettings loopbackEphemeral(Path dataDir) {
        return defaults(dataDir).withAddresses(new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0));
    }

    public InboundSettings withAddresses(InetSocketAddress http, InetSocketAddress https) {
        return new InboundSettings(http, https, inboundDomain, dataDir, tlsCertFile, tlsKeyFile,
                maxRequestLineLength, maxHeaderSize, clientIdleTimeout);
    }

    public InboundSettings withInboundDomain(String domain) {
        return new InboundSettings(httpAddress, httpsAddress, domain, dataDir, tlsCertFile, tlsKeyFile,
                maxRequestLineLength, maxHeaderSize, clientIdleTimeout);
    }

    public InboundSettings withTlsFiles(Path certFile, Path keyFile) {
        return new InboundSettings(httpAddress, httpsAddress, inboundDomain, dataDir, certFile, keyFile,
                maxRequestLineLength, maxHeaderSize, clientIdleTimeout);
    }

    public InboundSettings withLimits(int requestLineLength, int headerSize) {
        return new InboundSettings(httpAddress, httpsAddress, inboundDomain, dataDir, tlsCertFile, tlsKeyFile,
                requestLineLength, headerSize, clientIdleTimeout);
    }

    public InboundSettings withClientIdleTimeout(Duration timeout) {
        return new InboundSettings(httpAddress, httpsAddress, inboundDomain, dataDir, tlsCertFile, tlsKeyFile,
                maxRequestLineLength, maxHeaderSize, timeout);
    }

    private static String normalizeDomain(String domain) {
        String normalized = domain.strip().toLowerCase(Locale.ROOT);
        while (normalized.endsWith(".")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (normalized.isEmpty() || normalized.startsWith(".") || normalized.contains("..")
                || !normalized.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("--inbound-domain must be a DNS name such as localhost or "
                    + "proxy.example.com, was '" + domain + "'");
        }
        return normalized;
    }

    private static void requireUsableLimit(String name, int value) {
        if (value < 256) {
            throw new IllegalArgumentException(name + " must be at least 256 bytes, was " + value);
        }
    }
}
