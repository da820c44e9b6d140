package io.gatehouse.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The relay of one client connection: runs its exchanges one at a time, in order. A request that arrives while the
 * previous response is still streaming (HTTP pipelining) waits in a queue, with client reads paused so that the queue
 * stays small. Used on the client channel's event loop only, so it needs no locks.
 */
final class ClientRelay implements UpstreamRelay {
    private final Channel client;
    private final UpstreamClient owner;
    private final ReadGate reads;
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private UpstreamExchange exchange;
    /** One timer per connection, not one per exchange: keep-alive exchanges come and go without touching it. */
    private ScheduledFuture<?> watchdog;
    private boolean draining;
    private boolean closed;

    /** A request that waits for the exchange before it. */
    private record Pending(HttpRequest request, UpstreamTarget target) {
    }

    ClientRelay(Channel client, UpstreamClient owner) {
        this.client = client;
        this.owner = owner;
        this.reads = new ReadGate(client);
    }

    Channel client() {
        return client;
    }

    ReadGate reads() {
        return reads;
    }

    @Override
    public void begin(HttpRequest request, UpstreamTarget target) {
        requireNonNull(request, "request");
        requireNonNull(target, "target");
        if (closed) {
            ReferenceCountUtil.release(request);
        } else if (exchange == null && queued.isEmpty()) {
            start(request, target);
        } else {
            queued.add(new Pending(request, target));
            reads.pause(ReadGate.QUEUED);
        }
    }

    @Override
    public void content(HttpContent content) {
        requireNonNull(content, "content");
        if (closed) {
            content.release();
        } else if (!queued.isEmpty()) {
            queued.add(content);
        } else {
            deliver(content);
        }
    }

    @Override
    public void clientReadComplete() {
        if (exchange != null) {
            exchange.flushRequest();
        }
    }

    @Override
    public void clientClosed() {
        closed = true;
        if (watchdog != null) {
            watchdog.cancel(false);
            watchdog = null;
        }
        if (exchange != null) {
            exchange.abandon();
            exchange = null;
        }
        queued.forEach(ClientRelay::release);
        queued.clear();
    }

    /** Makes sure the exchange in flight is checked for progress within {@code nanos}. */
    void watch(long nanos) {
        if (watchdog == null && !closed) {
            watchdog = client.eventLoop().schedule(this::checkProgress, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkProgress() {
        watchdog = null;
        long next = exchange == null ? 0 : exchange.checkTimeout();
        if (next > 0) {
            watch(next);
        }
    }

    /** Called by the exchange in flight when it has ended, cleanly or not. */
    void exchangeFinished(UpstreamExchange finished) {
        if (exchange == finished) {
            exchange = null;
        }
        if (!draining) {
            drainQueue();
        }
    }

    private void start(HttpRequest request, UpstreamTarget target) {
        UpstreamExchange next = new UpstreamExchange(this, owner, request, target);
        exchange = next;
        next.start();
    }

    private void deliver(HttpContent content) {
        if (exchange != null && !exchange.requestDone()) {
            exchange.content(content);
        } else {
            // The rest of a body whose exchange already failed and was answered, or a stray part: nobody wants it.
            content.release();
        }
    }

    private void drainQueue() {
        draining = true;
        try {
            while (!closed && !queued.isEmpty()) {
                Object next = queued.peek();
                if (next instanceof Pending pending) {
                    if (exchange != null) {
                        break;
                    }
                    queued.poll();
                    start(pending.request(), pending.target());
                } else {
                    queued.poll();
                    deliver((HttpContent) next);
                }
            }
        } finally {
            draining = false;
        }
        if (queued.isEmpty()) {
            reads.resume(ReadGate.QUEUED);
        }
    }

    private static void release(Object message) {
        ReferenceCountUtil.release(message instanceof Pending pending ? pending.request() : message);
    }
}
