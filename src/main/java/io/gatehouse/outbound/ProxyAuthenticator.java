package io.gatehouse.outbound;

import io.gatehouse.config.ConfigSnapshot;
import io.gatehouse.store.AccessCredential;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks {@code Proxy-Authorization: Basic} against the access credentials of the current configuration.
 *
 * <p>Only SHA-256 of a password is stored. That is enough here, and fast enough to run on every request: passwords
 * are generated with at least 128 bits of randomness, so there is nothing for a slow hash to protect against a
 * guesser. The comparison runs in constant time, and the hash is computed before the username is looked up so that
 * an unknown username costs the same as a known one.
 */
final class ProxyAuthenticator {
    private static final String BASIC = "basic ";

    private ProxyAuthenticator() {
    }

    /** The client the header proves, or empty when it is missing, malformed, unknown or wrong. */
    static Optional<AuthenticatedClient> authenticate(HttpHeaders headers, ConfigSnapshot snapshot) {
        String header = headers.get(HttpHeaderNames.PROXY_AUTHORIZATION);
        if (header == null || header.length() <= BASIC.length()
                || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(BASIC.length()).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            return check(decoded, snapshot);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /** Whether the credential a connection authenticated with still exists in this configuration. */
    static boolean stillExists(AuthenticatedClient client, ConfigSnapshot snapshot) {
        return snapshot.credentialByUsername(client.username())
                .filter(credential -> credential.id().equals(client.credentialId()))
                .isPresent();
    }

    private static Optional<AuthenticatedClient> check(byte[] userPass, ConfigSnapshot snapshot) {
        int colon = indexOf(userPass, (byte) ':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String username = new String(userPass, 0, colon, StandardCharsets.UTF_8);
        byte[] presentedHash = AccessCredential.hashPassword(userPass, colon + 1, userPass.length - colon - 1);
        Optional<AccessCredential> credential = snapshot.credentialByUsername(username);
        if (credential.isEmpty() || !MessageDigest.isEqual(presentedHash, credential.get().passwordHash())) {
            return Optional.empty();
        }
        AccessCredential found = credential.get();
        return Optional.of(new AuthenticatedClient(found.id(), found.vaultId(), found.username()));
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
