package io.gatehouse.upstream;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Carries the exchanges of one client connection to upstreams and the responses back, one exchange at a time, with
 * bodies streamed both ways. Called on the client channel's event loop only.
 *
 * <p>The caller's handler passes each request head, already rewritten for the upstream (origin-form URI, Host,
 * hop-by-hop headers stripped), to {@link #begin}, then each body part to {@link #content}. The relay owns every
 * message it is given and releases it. Failures are answered to the client as {@link ProxyFailure.Kind} says.
 */
public interface UpstreamRelay {

    void begin(HttpRequest request, UpstreamTarget target);

    void content(HttpContent content);

    /** The client connection is closed: abandon the exchange in flight and free what it holds. */
    void clientClosed();
}
