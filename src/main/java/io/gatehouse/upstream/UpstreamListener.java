package io.gatehouse.upstream;

import io.netty.handler.codec.http.HttpObject;

/** What an upstream connection reports to the exchange that holds it; called on the connection's event loop. */
interface UpstreamListener {

    /** A part of the response; the listener owns it. */
    void upstreamRead(HttpObject message);

    /** The connection's current batch of reads is over. */
    void upstreamReadComplete();

    void upstreamFailed(Throwable cause);

    void upstreamClosed();
}
