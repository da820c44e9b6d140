package io.gatehouse.upstream;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns what went wrong on the upstream leg into the one {@link ProxyFailure} the client is answered with. */
final class UpstreamFailures {
    private UpstreamFailures() {
    }

    static ProxyFailure classify(Throwable cause, String upstream) {
        if (find(cause, SslHandshakeTimeoutException.class) != null) {
            return new ProxyFailure(ProxyFailure.Kind.TIMEOUT, upstream,
                    "TLS handshake with " + upstream + " timed out", cause);
        }
        if (find(cause, ConnectTimeoutException.class) != null) {
            return new ProxyFailure(ProxyFailure.Kind.TIMEOUT, upstream,
                    "Connecting to " + upstream + " timed out", cause);
        }
        if (find(cause, TlsSetupException.class) != null) {
            return new ProxyFailure(ProxyFailure.Kind.TLS_FAILED, upstream,
                    "TLS to " + upstream + " could not be set up: " + cause.getMessage(), cause);
        }
        if (find(cause, SSLException.class) != null || find(cause, CertificateException.class) != null) {
            return new ProxyFailure(ProxyFailure.Kind.TLS_FAILED, upstream,
                    "TLS handshake with " + upstream + " failed: " + tlsReason(cause), cause);
        }
        if (find(cause, ConnectException.class) != null || find(cause, UnknownHostException.class) != null
                || find(cause, UnresolvedAddressException.class) != null
                || find(cause, NoRouteToHostException.class) != null) {
            return new ProxyFailure(ProxyFailure.Kind.CONNECT_FAILED, upstream,
                    "Cannot connect to " + upstream + ": " + deepestMessage(cause), cause);
        }
        return new ProxyFailure(ProxyFailure.Kind.PROTOCOL_ERROR, upstream,
                "Exchange with " + upstream + " failed: " + deepestMessage(cause), cause);
    }

    static ProxyFailure timeout(String upstream, long millis) {
        return new ProxyFailure(ProxyFailure.Kind.TIMEOUT, upstream,
                "No answer from " + upstream + " within " + millis + " ms", null);
    }

    static ProxyFailure closedEarly(String upstream) {
        return new ProxyFailure(ProxyFailure.Kind.PROTOCOL_ERROR, upstream,
                upstream + " closed the connection before the response was complete", null);
    }

    static ProxyFailure certificateRemoved(String upstream, String certificateId) {
        return new ProxyFailure(ProxyFailure.Kind.TLS_FAILED, upstream,
                "The client certificate " + certificateId + " was removed; retry the request", null);
    }

    /** The reason in words a person can act on, with the library's own message kept for the specialist. */
    private static String tlsReason(Throwable cause) {
        String message = deepestMessage(cause);
        String upper = message.toUpperCase(Locale.ROOT);
        if (find(cause, CertificateException.class) != null && upper.contains("SUBJECT ALTERNATIVE")) {
            return "the upstream's certificate is not valid for this host name (" + message + ")";
        }
        if (find(cause, CertificateException.class) != null || upper.contains("CERTIFICATION PATH")) {
            return "the upstream's certificate is not trusted (" + message + ")";
        }
        if (upper.contains("ALERT_BAD_CERTIFICATE") || upper.contains("CERTIFICATE_REQUIRED")
                || upper.contains("ALERT_UNKNOWN_CA") || upper.contains("ALERT_CERTIFICATE_UNKNOWN")
                || upper.contains("ALERT_ACCESS_DENIED")) {
            return "the upstream rejected the client certificate, or its absence (" + message + ")";
        }
        return message;
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable at = cause; at != null; at = at.getCause() == at ? null : at.getCause()) {
            if (type.isInstance(at)) {
                return type.cast(at);
            }
        }
        return null;
    }

    private static String deepestMessage(Throwable cause) {
        String message = cause.getClass().getSimpleName();
        for (Throwable at = cause; at != null; at = at.getCause() == at ? null : at.getCause()) {
            if (at.getMessage() != null && !at.getMessage().isBlank()) {
                message = at.getMessage();
            }
        }
        return message;
    }
}
