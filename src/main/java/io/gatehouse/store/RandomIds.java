package io.gatehouse.store;

import java.security.SecureRandom;

/**
 * Makes the store's ids and usernames from a {@link SecureRandom}: a three-letter kind prefix and lowercase letters
 * and digits. A collision is not impossible, so the store retries an insert that hits a unique key.
 */
final class RandomIds {
    private static final String LOWERCASE_AND_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    static String vaultId() {
        return "tnt" + randomChars(8);
    }

    static String credentialId() {
        return "crd" + randomChars(12);
    }

    static String username() {
        return "usr" + randomChars(12);
    }

    static String routeId() {
        return "rte" + randomChars(12);
    }

    static String certificateId() {
        return "crt" + randomChars(12);
    }

    private static String randomChars(int length) {
        StringBuilder chars = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            chars.append(LOWERCASE_AND_DIGITS.charAt(RANDOM.nextInt(LOWERCASE_AND_DIGITS.length())));
        }
        return chars.toString();
    }
}
