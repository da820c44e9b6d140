package io.gatehouse.cli;

import static java.util.Objects.requireNonNull;

/**
 * A listening address, {@code host:port} (IPv6 hosts in brackets, {@code [::1]:9090}). Port 0 asks the system for a
 * free port.
 */
public record HostPort(String host, int port) {
    public HostPort {
        requireNonNull(host, "host");
    }

    /** Parses {@code host:port}; the exception says which setting was wrong, its value and what was expected. */
    public static HostPort parse(String setting, String text) {
        requireNonNull(setting, "setting");
        String value = text == null ? "" : text.strip();
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.contains(" ") || host.contains(":") && !value.startsWith("[")) {
            throw invalid(setting, text);
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 0 || port > 65_535) {
                throw invalid(setting, text);
            }
            return new HostPort(host, port);
        } catch (NumberFormatException e) {
            throw invalid(setting, text);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static IllegalArgumentException invalid(String setting, String text) {
        return new IllegalArgumentException(setting + " is '" + text + "', expected host:port such as 127.0.0.1:9090");
    }
}
