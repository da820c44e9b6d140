package io.gatehouse.upstream;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
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
                    "TLS handshake with " + upstream + " failed: " + deepestMessage(cause), cause);
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
