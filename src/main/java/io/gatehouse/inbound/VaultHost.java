package io.gatehouse.inbound;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the vault a request is for from its Host: {@code <vaultId>.<inbound domain>}, case-insensitive, port and a
 * trailing dot ignored. Anything else (another domain, a deeper name, an IP literal, a malformed id) names no vault.
 */
public final class VaultHost {
    private static final int VAULT_ID_LENGTH = 11;

    private final String suffix;

    public VaultHost(String inboundDomain) {
        this.suffix = "." + requireNonNull(inboundDomain, "inboundDomain").toLowerCase(Locale.ROOT);
    }

    /** The vault id named by a Host header value, or empty when it names none. */
    public Optional<String> vaultId(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = withoutPort(host.strip());
        int end = name.endsWith(".") ? name.length() - 1 : name.length();
        int labelLength = end - suffix.length();
        if (labelLength != VAULT_ID_LENGTH || !name.regionMatches(true, labelLength, suffix, 0, suffix.length())) {
            return Optional.empty();
        }
        String label = name.substring(0, labelLength).toLowerCase(Locale.ROOT);
        return isVaultId(label) ? Optional.of(label) : Optional.empty();
    }

    /** {@code tnt} and eight lower-case letters or digits, as the store makes them. */
    static boolean isVaultId(String label) {
        if (label.length() != VAULT_ID_LENGTH || !label.startsWith("tnt")) {
            return false;
        }
        for (int i = 3; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** The host without its port; an IPv6 literal keeps its brackets, so it never matches a vault name. */
    static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
