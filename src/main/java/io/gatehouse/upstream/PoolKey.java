package io.gatehouse.upstream;

import io.netty.channel.EventLoop;
import java.util.Locale;

/**
 * What a pooled upstream connection was opened for. A connection serves only an exchange with an equal key, so two
 * access credentials, or a route and a credential, never share one: the certificate id and the trust settings are
 * part of it, and a certificate id names one immutable version of the key material.
 *
 * <p>The event loop is part of the key too: a connection is used only by client connections of the loop it lives
 * on, so an exchange touches both its legs from one thread and never hops.
 */
record PoolKey(EventLoop eventLoop, String host, int port, boolean tls, String serverName, String certificateId,
               String trustFingerprint) {

    /** {@code certificateId} of an exchange that presents no client certificate. */
    static final String NO_CERTIFICATE = "";

    static PoolKey of(EventLoop eventLoop, UpstreamTarget target, String trustFingerprint) {
        return new PoolKey(eventLoop, target.host().toLowerCase(Locale.ROOT), target.port(), target.tls(),
                target.serverName().toLowerCase(Locale.ROOT),
                target.identity().map(TlsIdentity::certificateId).orElse(NO_CERTIFICATE), trustFingerprint);
    }

    boolean hasCertificate() {
        return !certificateId.isEmpty();
    }
}
