package io.gatehouse.inbound;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the vault a request is for from its Host: {@code <vaultId>.<inbound domain>}, case-insensitive, port and a
 * trailing dot ignored. Anything else (another domain, a deeper name, an IP literal, a malformed id) names no vault.
 */
public final class VaultHost {
    private static final Pattern VAULT_ID = Pattern.compile("tnt[a-z0-9]{8}");

    private final String suffix;

    public VaultHost(String inboundDomain) {
        this.suffix = "." + requireNonNull(inboundDomain, "inboundDomain").toLowerCase(Locale.ROOT);
    }

    /** The vault id named by a Host header value, or empty when it names none. */
    public Optional<String> vaultId(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = withoutPort(host.strip()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!name.endsWith(suffix)) {
            return Optional.empty();
        }
        String label = name.substring(0, name.length() - suffix.length());
        return VAULT_ID.matcher(label).matches() ? Optional.of(label) : Optional.empty();
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
