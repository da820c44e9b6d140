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
 *
 * <p>How a proxy uses it, in the client pipeline:
 * <pre>{@code
 * HttpServerCodec -> HttpServerKeepAliveHandler -> handler:
 *     channelRead(HttpRequest r)  -> HopByHopHeaders.strip(r.headers()); r.setUri(originForm); relay.begin(r, target)
 *     channelRead(HttpContent c)  -> relay.content(c)
 *     channelReadComplete         -> relay.clientReadComplete()
 *     channelInactive             -> relay.clientClosed()
 * }</pre>
 * <ul>
 *   <li>Client-leg keep-alive is the caller's {@code HttpServerKeepAliveHandler}'s business: it saw the client's
 *       {@code Connection} header before stripping and closes after the last response part when it must. The
 *       upstream leg is always HTTP/1.1 keep-alive; the relay adds {@code Host} (the target's authority) when the
 *       request has none, and never forwards {@code Connection} or {@code Proxy-Authorization}.</li>
 *   <li>Responses come back with the upstream's hop-by-hop headers removed, as HTTP/1.1, re-framed as chunked when
 *       the upstream delimited the body by closing. Pipelined requests are queued and answered in order.</li>
 *   <li>While an exchange is in flight the relay owns the client channel's {@code autoRead} (back-pressure, and
 *       pausing while it connects); the caller must not toggle it meanwhile.</li>
 *   <li>A failure before the response started is answered with its status, {@code X-Gatehouse-Error} and the
 *       reason as text ({@link FailureAnswer#response}); after that the client connection is closed.</li>
 * </ul>
 */
public interface UpstreamRelay {

    /** Starts an exchange (or queues it behind the one in flight). {@code request} may be a full request. */
    void begin(HttpRequest request, UpstreamTarget target);

    /** A body part of the request last begun; the {@code LastHttpContent} ends it. */
    void content(HttpContent content);

    /**
     * The client's current batch of reads is over: what was relayed from it goes out now. Request parts are written
     * without a flush each, so that a head and its body leave in one TLS record and one system call; a request's last
     * part is flushed at once, so this matters for bodies that span several reads.
     */
    void clientReadComplete();

    /** The client connection is closed: abandon the exchange in flight and free what it holds. */
    void clientClosed();
}
