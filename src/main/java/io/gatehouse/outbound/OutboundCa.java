package io.gatehouse.outbound;

import static java.util.Objects.requireNonNull;

import io.gatehouse.secret.KeySealer;
import io.gatehouse.store.GatehouseStore;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate authority with which the outbound proxy intercepts HTTPS.
 *
 * <p>Made on first start and kept in the store, sealed under the master key and bound to {@code outbound-ca}, so
 * every node that shares the store (and the master key) shares the CA; when two nodes start at once the store keeps
 * the first one saved and both use it. Its certificate is written to {@code <data-dir>/outbound-ca.pem} for clients
 * to trust, and {@link #certificatePem()} serves the same text. Leaves for intercepted hosts are issued on demand and
 * cached with their TLS contexts; {@link #close()} releases them.
 *
 * <p>The sealed form is {@code version (int), certificate DER length (int), certificate DER, PKCS#8 key}, all of it
 * sealed, so the store never holds the key in the clear.
 */
public final class OutboundCa implements AutoCloseable {
    /** What the sealed CA is bound to, so a sealed key copied onto another record does not open. */
    public static final String SEALED_AS = "outbound-ca";
    public static final String FILE_NAME = "outbound-ca.pem";
    private static final Logger log = LoggerFactory.getLogger(OutboundCa.class);
    private static final int FORMAT_VERSION = 1;

    private final SignedKeyPair ca;
    private final String certificatePem;
    private final LeafContexts leaves;

    private OutboundCa(SignedKeyPair ca, SslProvider provider, int leafCacheSize) {
        this.ca = ca;
        this.certificatePem = toPem(ca.certificate());
        this.leaves = new LeafContexts(ca, provider, leafCacheSize, Clock.systemUTC());
    }

    /**
     * The CA kept in the store, or a new one saved there unless another node saved one first; also (re)writes
     * {@code <dataDir>/outbound-ca.pem}.
     */
    public static OutboundCa loadOrCreate(GatehouseStore store, KeySealer sealer, Path dataDir, SslProvider provider,
                                          int leafCacheSize) {
        requireNonNull(store, "store");
        requireNonNull(sealer, "sealer");
        requireNonNull(dataDir, "dataDir");
        requireNonNull(provider, "provider");
        Optional<byte[]> saved = store.loadOutboundCa();
        byte[] sealed;
        if (saved.isPresent()) {
            sealed = saved.get();
        } else {
            byte[] ours = seal(CertificateIssuer.newCa(Clock.systemUTC().instant()), sealer);
            sealed = store.saveOutboundCaIfAbsent(ours);
            if (Arrays.equals(ours, sealed)) {
                log.info("Outbound CA created and saved in the store");
            }
        }
        OutboundCa outboundCa = new OutboundCa(unseal(sealed, sealer), provider, leafCacheSize);
        outboundCa.writeCertificateFile(dataDir.resolve(FILE_NAME));
        return outboundCa;
    }

    /** The CA certificate as PEM, for clients to trust; served at {@code /api/v1/outbound-ca.pem}. */
    public String certificatePem() {
        return certificatePem;
    }

    public X509Certificate certificate() {
        return ca.certificate();
    }

    /** A server-side TLS handler presenting a leaf for the intercepted host (DNS name or IP literal). */
    public SslHandler newInterceptionHandler(String host, ByteBufAllocator alloc) {
        return leaves.newHandler(requireNonNull(host, "host"), requireNonNull(alloc, "alloc"));
    }

    /** A server TLS context with a leaf for all the names (the TLS listener's own); the caller releases it. */
    public SslContext newServerContext(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("names must not be empty");
        }
        return leaves.newContext(List.copyOf(names));
    }

    /** How many intercepted hosts have a leaf and TLS context built. */
    public long cachedHosts() {
        return leaves.size();
    }

    @Override
    public void close() {
        leaves.close();
    }

    private void writeCertificateFile(Path file) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".outbound-ca", ".tmp");
            Files.writeString(temp, certificatePem, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the outbound CA certificate to " + file, e);
        }
        log.info("Outbound CA certificate at {}: clients trust it to accept intercepted HTTPS", file);
    }

    private static byte[] seal(SignedKeyPair ca, KeySealer sealer) {
        byte[] key = ca.privateKey().getEncoded();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] certificate = ca.certificate().getEncoded();
            out.writeInt(FORMAT_VERSION);
            out.writeInt(certificate.length);
            out.write(certificate);
            out.write(key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encode the outbound CA", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        byte[] plain = bytes.toByteArray();
        try {
            return sealer.seal(plain, SEALED_AS);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static SignedKeyPair unseal(byte[] sealed, KeySealer sealer) {
        byte[] plain = sealer.unseal(sealed, SEALED_AS);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalStateException("The stored outbound CA has format " + version
                        + "; this version of Gatehouse reads format " + FORMAT_VERSION);
            }
            byte[] certificate = in.readNBytes(in.readInt());
            byte[] key = in.readAllBytes();
            try {
                return new SignedKeyPair(decodeKey(key), decodeCertificate(certificate));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The stored outbound CA cannot be read", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static PrivateKey decodeKey(byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private static X509Certificate decodeCertificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static String toPem(X509Certificate certificate) {
        try {
            Base64.Encoder encoder = Base64.getMimeEncoder(64, new byte[] {'\n'});
            return "-----BEGIN CERTIFICATE-----\n" + encoder.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encode the outbound CA certificate", e);
        }
    }
}
