package io.gatehouse.testing;

import io.netty.handler.codec.http.HttpHeaders;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One request as {@link MtlsUpstream} received it.
 *
 * @param connectionId the number of the upstream-side connection it came on (1 for the first accepted connection)
 * @param method the request method
 * @param path the path and query, as sent
 * @param headers a copy of the request headers
 * @param clientChain the client certificate chain the TLS session carries, leaf first; empty when none was sent
 */
public record SeenRequest(int connectionId, String method, String path, HttpHeaders headers,
                          List<X509Certificate> clientChain) {

    /** The subject DN of the client certificate, or null when none was sent. */
    public String clientSubject() {
        return clientChain.isEmpty() ? null : clientChain.get(0).getSubjectX500Principal().getName();
    }

    /** The SHA-256 fingerprint of the client certificate as {@link Pem#sha256Fingerprint}, or null. */
    public String clientFingerprint() {
        return clientChain.isEmpty() ? null : Pem.sha256Fingerprint(clientChain.get(0));
    }
}
