package io.gatehouse.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * One request and its response between a client connection and an upstream connection, both on the client's event
 * loop. The request head and body parts are buffered only while the connection is being made (client reads are
 * paused meanwhile, so the buffer holds at most what one read had already decoded); after that each part is written
 * as it comes. Each direction pauses the reads of its source while its sink's outbound buffer is full and resumes
 * them when the write that filled it has gone out, so bodies of any size pass with flat memory.
 *
 * <p>The response timeout is the longest the exchange may make no progress once the request is under way: it is
 * measured from the last request part written or response part read or delivered, so a slow upload or a slow
 * download is not cut while it moves, and an upstream that goes quiet is answered with 504.
 */
final class UpstreamExchange implements UpstreamListener {
    private final ClientRelay relay;
    private final Channel client;
    private final ReadGate clientReads;
    private final UpstreamClient owner;
    private HttpRequest request;
    private HttpRequest replay;
    private PoolKey key;
    private final UpstreamTarget target;
    private final ArrayDeque<HttpContent> buffered = new ArrayDeque<>();
    private final ResponseHead responseHead;
    private final ChannelFutureListener writeOutcome = this::writeDone;
    private PooledConnection connection;
    private boolean requestWritten;
    private boolean reused;
    private boolean requestDone;
    private boolean responseStarted;
    private boolean interim;
    private boolean upstreamDone;
    private boolean finished;
    private boolean requestUnflushed;
    private boolean responseUnflushed;
    private long lastProgress;

    UpstreamExchange(ClientRelay relay, UpstreamClient owner, HttpRequest request, UpstreamTarget target) {
        this.relay = relay;
        this.client = relay.client();
        this.clientReads = relay.reads();
        this.owner = owner;
        this.request = request;
        this.target = target;
        this.responseHead = new ResponseHead(HttpMethod.HEAD.equals(request.method()));
    }

    void start() {
        prepareRequest();
        requestDone = request instanceof LastHttpContent;
        Optional<String> certificateId = target.identity().map(TlsIdentity::certificateId);
        if (certificateId.isPresent() && !owner.admit(certificateId.get())) {
            fail(UpstreamFailures.certificateRemoved(target.authority(), certificateId.get()));
            return;
        }
        key = PoolKey.of(client.eventLoop(), target, UpstreamTrust.fingerprint(target.extraCaPem()));
        PooledConnection pooled = owner.pool().acquire(key);
        if (pooled == null) {
            connect();
            return;
        }
        UpstreamClient.log.debug("{} reusing {} for {}", client, pooled, target.authority());
        reused = true;
        // A head without a body is not reference counted and nothing changes it once written: it can be sent again.
        replay = hasNoBody(request) ? request : null;
        attach(pooled);
    }

    private void connect() {
        clientReads.pause(ReadGate.CONNECTING);
        Future<PooledConnection> connecting = owner.connector().connect(key, target, client);
        connecting.addListener(done -> connected(connecting));
    }

    boolean requestDone() {
        return requestDone;
    }

    void content(HttpContent content) {
        requestDone |= content instanceof LastHttpContent;
        if (finished || upstreamDone) {
            content.release();
            if (!finished && requestDone) {
                complete(false);
            }
        } else if (connection == null) {
            buffered.add(content);
        } else {
            write(content);
        }
    }

    /** The client went away: drop the exchange and close (never pool) its upstream connection. */
    void abandon() {
        if (!finished) {
            finished = true;
            cleanUp();
            dropConnection();
        }
    }

    private void connected(Future<PooledConnection> connecting) {
        clientReads.resume(ReadGate.CONNECTING);
        if (!connecting.isSuccess()) {
            fail(UpstreamFailures.classify(connecting.cause(), target.authority()));
            return;
        }
        PooledConnection opened = connecting.getNow();
        if (finished) {
            owner.pool().release(opened, false);
            return;
        }
        if (opened.key().hasCertificate() && owner.isRetired(opened.key().certificateId())) {
            owner.pool().release(opened, false);
            fail(UpstreamFailures.certificateRemoved(target.authority(), opened.key().certificateId()));
            return;
        }
        UpstreamClient.log.debug("{} connected to {} ({})", client, target.authority(), opened.channel());
        attach(opened);
    }

    private void attach(PooledConnection opened) {
        connection = opened;
        opened.handler().listener(this);
        requestWritten = true;
        write(request);
        // A write that fails at once ends the exchange, which then releases what is still buffered.
        while (!finished && !buffered.isEmpty()) {
            write(buffered.poll());
        }
        if (finished) {
            return;
        }
        lastProgress = System.nanoTime();
        relay.watch(timeoutNanos());
    }

    private void write(HttpObject message) {
        PooledConnection held = connection;
        if (held == null) {
            ReferenceCountUtil.release(message);
            return;
        }
        Channel upstream = held.channel();
        ChannelFuture written = send(upstream, message);
        requestUnflushed = !(message instanceof LastHttpContent) && upstream.isWritable();
        lastProgress = System.nanoTime();
        if (!upstream.isWritable()) {
            clientReads.pause(ReadGate.UPSTREAM_FULL);
            written.addListener(done -> {
                lastProgress = System.nanoTime();
                if (!finished) {
                    clientReads.resume(ReadGate.UPSTREAM_FULL);
                }
            });
        }
        written.addListener(writeOutcome);
    }

    /** A request part that could not be written fails the exchange, unless its connection is no longer ours. */
    private void writeDone(ChannelFuture done) {
        if (!done.isSuccess() && connection != null && connection.channel() == done.channel()
                && done.channel().isActive()) {
            upstreamFailed(done.cause());
        }
    }

    /** Sends the request parts written since the last flush, at the end of the client's batch of reads. */
    void flushRequest() {
        if (requestUnflushed && connection != null) {
            requestUnflushed = false;
            connection.channel().flush();
        }
    }

    /**
     * Writes a part, flushing it when it ends a message or fills the channel's buffer; other parts wait for the end of
     * the current batch of reads ({@link #flushRequest}, {@link #upstreamReadComplete}), so that a small message's
     * head and body share one TLS record and one system call.
     */
    private static ChannelFuture send(Channel channel, HttpObject message) {
        if (message instanceof LastHttpContent) {
            return channel.writeAndFlush(message);
        }
        ChannelFuture written = channel.write(message);
        if (!channel.isWritable()) {
            channel.flush();
        }
        return written;
    }

    @Override
    public void upstreamRead(HttpObject message) {
        if (finished || upstreamDone) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message.decoderResult().isFailure()) {
            ReferenceCountUtil.release(message);
            upstreamFailed(message.decoderResult().cause());
            return;
        }
        lastProgress = System.nanoTime();
        if (message instanceof HttpResponse response) {
            interim = responseHead.isInterim(response);
            responseStarted |= !interim;
            if (!interim) {
                responseHead.prepare(response);
            }
        }
        boolean last = message instanceof LastHttpContent && !interim;
        interim &= !(message instanceof LastHttpContent);
        deliver(message);
        if (last) {
            responseComplete();
        }
    }

    private void deliver(HttpObject message) {
        ChannelFuture written = send(client, message);
        responseUnflushed = !(message instanceof LastHttpContent) && client.isWritable();
        if (!client.isWritable()) {
            PooledConnection held = connection;
            held.channel().config().setAutoRead(false);
            written.addListener(done -> {
                lastProgress = System.nanoTime();
                if (connection == held && !finished) {
                    held.channel().config().setAutoRead(true);
                }
            });
        }
    }

    @Override
    public void upstreamReadComplete() {
        if (responseUnflushed) {
            responseUnflushed = false;
            client.flush();
        }
    }

    private void responseComplete() {
        if (requestDone) {
            complete(responseHead.upstreamKeepAlive());
            return;
        }
        // The upstream answered before the request body ended: its connection is mid-request, so it is closed,
        // and the rest of the body is read and dropped so that the client connection stays usable.
        upstreamDone = true;
        dropConnection();
    }

    private void complete(boolean reusable) {
        finished = true;
        cleanUp();
        if (connection != null) {
            connection.handler().listener(null);
            owner.pool().release(connection, reusable);
            connection = null;
        }
        relay.exchangeFinished(this);
    }

    @Override
    public void upstreamFailed(Throwable cause) {
        ProxyFailure failure = UpstreamFailures.classify(cause, target.authority());
        if (canRetry()) {
            retry();
        } else if (reused && failure.kind() == ProxyFailure.Kind.TLS_FAILED) {
            // A pooled connection's handshake was done long ago: a TLS error now means the upstream closed it.
            fail(UpstreamFailures.closedEarly(target.authority()));
        } else {
            fail(failure);
        }
    }

    @Override
    public void upstreamClosed() {
        if (canRetry()) {
            retry();
        } else if (!finished && !upstreamDone) {
            fail(UpstreamFailures.closedEarly(target.authority()));
        }
    }

    /**
     * A pooled connection can be closed by the upstream (its keep-alive timeout) just as a request is written to it.
     * A request without a body that got no answer byte is then sent once more on a new connection, as browsers and
     * proxies do; anything else fails, since its body is gone.
     */
    private boolean canRetry() {
        return replay != null && !finished && !upstreamDone && !responseStarted;
    }

    private void retry() {
        UpstreamClient.log.debug("{} pooled connection to {} closed under the request, sending it on a new one",
                client, target.authority());
        dropConnection();
        reused = false;
        request = replay;
        replay = null;
        if (requestDone) {
            buffered.add(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        connect();
    }

    private static boolean hasNoBody(HttpRequest request) {
        return !(request instanceof HttpContent) && HttpUtil.getContentLength(request, 0L) == 0
                && !HttpUtil.isTransferEncodingChunked(request);
    }

    /**
     * Ends the exchange with 504 if it made no progress for the response timeout.
     *
     * @return how long until it could time out at the earliest, or 0 when it is not waiting on its upstream
     */
    long checkTimeout() {
        if (finished || upstreamDone || connection == null) {
            return 0;
        }
        long quiet = System.nanoTime() - lastProgress;
        if (quiet < timeoutNanos()) {
            return timeoutNanos() - quiet;
        }
        fail(UpstreamFailures.timeout(target.authority(), owner.settings().responseTimeout().toMillis()));
        return 0;
    }

    private void fail(ProxyFailure failure) {
        if (finished) {
            return;
        }
        finished = true;
        cleanUp();
        dropConnection();
        FailureAnswer.send(client, failure, responseStarted, requestDone);
        relay.exchangeFinished(this);
    }

    private void cleanUp() {
        buffered.forEach(ReferenceCountUtil::release);
        buffered.clear();
        if (!requestWritten) {
            requestWritten = true;
            ReferenceCountUtil.release(request);
        }
        clientReads.resume(ReadGate.CONNECTING | ReadGate.UPSTREAM_FULL);
    }

    private void dropConnection() {
        if (connection != null) {
            connection.handler().listener(null);
            owner.pool().release(connection, false);
            connection = null;
        }
    }

    private long timeoutNanos() {
        return owner.settings().responseTimeout().toNanos();
    }

    private void prepareRequest() {
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        // The upstream leg is HTTP/1.1 keep-alive whatever the client leg does; the caller stripped hop-by-hop
        // headers, and these two must never leave even if it did not.
        request.headers().remove(HttpHeaderNames.CONNECTION);
        request.headers().remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        if (!request.headers().contains(HttpHeaderNames.HOST)) {
            boolean defaultPort = target.port() == (target.tls() ? 443 : 80);
            String host = target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host();
            request.headers().set(HttpHeaderNames.HOST, defaultPort ? host : target.authority());
        }
    }
}
