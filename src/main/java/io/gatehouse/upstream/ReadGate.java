package io.gatehouse.upstream;

import io.netty.channel.Channel;

/**
 * The reasons a client connection's reads are paused; reads resume when none is left. Used on the channel's event
 * loop only. While the relay holds any reason it owns the channel's {@code autoRead}.
 */
final class ReadGate {
    /** Waiting for an upstream connection: the request is buffered meanwhile. */
    static final int CONNECTING = 1;
    /** The upstream connection's outbound buffer is full. */
    static final int UPSTREAM_FULL = 2;
    /** A pipelined request waits for the exchange in flight. */
    static final int QUEUED = 4;

    private final Channel channel;
    private int reasons;

    ReadGate(Channel channel) {
        this.channel = channel;
    }

    void pause(int reason) {
        if (reasons == 0) {
            channel.config().setAutoRead(false);
        }
        reasons |= reason;
    }

    void resume(int reason) {
        if (reasons == 0) {
            return;
        }
        reasons &= ~reason;
        if (reasons == 0) {
            channel.config().setAutoRead(true);
        }
    }
}
