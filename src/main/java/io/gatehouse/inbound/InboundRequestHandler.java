package io.gatehouse.inbound;

import io.gatehouse.config.LiveConfig;
import io.gatehouse.inbound.InboundRouting.Decision;
import io.gatehouse.inbound.LocalResponses.Rejection;
import io.gatehouse.upstream.UpstreamClient;
import io.gatehouse.upstream.UpstreamRelay;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client leg of one inbound connection: routes each request head, rewrites it for the upstream and hands it and
 * its body to the connection's {@link UpstreamRelay}, or answers it itself when it cannot be routed. Every message
 * is either passed to the relay, which then owns it, or released here, exactly once.
 *
 * <p>{@code Expect: 100-continue} is answered here, once the request is routed, and the header is not forwarded: the
 * relay carries one final response per exchange, so a 100 from the upstream would have no way back, and a caller
 * whose request cannot be routed gets its 404 without sending the body first. The upstream then sees an ordinary
 * request whose body follows its head.
 *
 * <p>Answers must leave in the order of the requests, also when a client pipelines. This handler sees the relay's
 * responses pass on their way out and counts those still owed; a request it must answer itself while some are owed
 * is answered after them, with {@code Connection: close}, and what the client sent after it is dropped, since the
 * relay would otherwise answer it first. Clients retry such requests on a fresh connection, as they do whenever a
 * server closes a pipelined connection.
 *
 * <p>All state is confined to the channel's event loop.
 */
final class InboundRequestHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(InboundRequestHandler.class);

    /** What becomes of the body parts that follow a request head. */
    private enum Body { NONE, RELAY, DISCARD }

    private final LiveConfig liveConfig;
    private final UpstreamClient upstreamClient;
    private final InboundRouting routing;
    private final Clock clock;
    private final String proto;
    private UpstreamRelay relay;
    private Body body = Body.NONE;
    /** Responses the relay still owes the client, in request order. */
    private int relayedResponsesOwed;
    /** Whether the response on its way out is an interim (1xx) one, whose end ends no exchange. */
    private boolean interimOnTheWay;
    /** A local answer waiting for the relay's responses before it; once set, the connection ends after it. */
    private Rejection deferred;

    InboundRequestHandler(LiveConfig liveConfig, UpstreamClient upstreamClient, InboundRouting routing, Clock clock,
                          String proto) {
        this.liveConfig = liveConfig;
        this.upstreamClient = upstreamClient;
        this.routing = routing;
        this.clock = clock;
        this.proto = proto;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            onRequest(ctx, request);
        } else if (msg instanceof HttpContent content) {
            onContent(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        if (deferred != null) {
            ReferenceCountUtil.release(request);
            return;
        }
        Optional<Rejection> malformed = MalformedRequests.rejection(request);
        if (malformed.isPresent()) {
            ReferenceCountUtil.release(request);
            reject(ctx, malformed.get(), true);
            return;
        }
        Optional<RequestTarget> target = RequestTarget.parse(request.uri());
        if (target.isEmpty()) {
            rejectWithBody(ctx, request, Rejection.badRequest("Request target must be a path without . or .. "
                    + "segments, was " + request.uri()));
            return;
        }
        String host = target.get().authority() != null ? target.get().authority()
                : request.headers().get(HttpHeaderNames.HOST);
        if (host == null || host.isBlank() || request.headers().getAll(HttpHeaderNames.HOST).size() > 1) {
            // RFC 9112 section 3.2: a request without exactly one Host is answered 400.
            rejectWithBody(ctx, request, Rejection.badRequest("Send exactly one Host header: <vaultId>.<domain>"));
            return;
        }
        Decision decision = routing.decide(liveConfig.current(), host, target.get().path(), clock.instant());
        if (decision.isRejected()) {
            rejectWithBody(ctx, request, decision.rejection());
            return;
        }
        forward(ctx, request, target.get(), host, decision);
    }

    private void forward(ChannelHandlerContext ctx, HttpRequest request, RequestTarget target, String host,
                         Decision decision) {
        if (HttpUtil.is100ContinueExpected(request) && relayedResponsesOwed == 0) {
            // Behind a pipelined exchange still answering, a 100 would land inside its response; the client then
            // sends the body after its own wait instead (RFC 9110 section 10.1.1 allows it).
            ctx.writeAndFlush(LocalResponses.continueResponse());
        }
        request.headers().remove(HttpHeaderNames.EXPECT);
        RequestRewriter.rewrite(request, target.originForm(), host, (InetSocketAddress) ctx.channel().remoteAddress(),
                proto, decision.address());
        log.debug("[{}] {} {}{} -> route {} ({})", ctx.channel().id(), request.method(), host, target.path(),
                decision.route().id(), decision.target().authority());
        body = Body.RELAY;
        relayedResponsesOwed++;
        relay(ctx).begin(request, decision.target());
    }

    private void onContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (body == Body.RELAY && deferred == null) {
            relay.content(content);
        } else {
            content.release();
        }
        if (last) {
            body = Body.NONE;
        }
    }

    /** Rejects a well-formed request, closing the connection if its body is still on the way. */
    private void rejectWithBody(ChannelHandlerContext ctx, HttpRequest request, Rejection rejection) {
        boolean bodyFollows = HttpUtil.isTransferEncodingChunked(request)
                || HttpUtil.getContentLength(request, 0L) > 0;
        // The query is left out: callers put tokens there.
        String uri = request.uri();
        log.debug("[{}] {} {} answered {} {}", ctx.channel().id(), request.method(),
                uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?')),
                rejection.status().code(), rejection.code());
        ReferenceCountUtil.release(request);
        reject(ctx, rejection, bodyFollows);
    }

    private void reject(ChannelHandlerContext ctx, Rejection rejection, boolean close) {
        body = Body.DISCARD;
        if (relayedResponsesOwed > 0) {
            deferred = rejection;
            return;
        }
        FullHttpResponse response = LocalResponses.error(ctx.alloc(), rejection);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    /** Watches the relay's responses go out, to know when a deferred local answer may follow them. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean exchangeEnded = false;
        if (msg instanceof HttpResponse response) {
            interimOnTheWay = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        if (msg instanceof LastHttpContent && !interimOnTheWay) {
            exchangeEnded = relayedResponsesOwed > 0;
            relayedResponsesOwed = Math.max(0, relayedResponsesOwed - 1);
        }
        ctx.write(msg, promise);
        if (exchangeEnded && relayedResponsesOwed == 0 && deferred != null) {
            Rejection answer = deferred;
            deferred = null;
            reject(ctx, answer, true);
            deferred = answer;
        }
    }

    private UpstreamRelay relay(ChannelHandlerContext ctx) {
        if (relay == null) {
            relay = upstreamClient.newRelay(ctx.channel());
        }
        return relay;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (relay != null) {
            relay.clientReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (relay != null) {
            relay.clientClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            log.debug("[{}] Inbound client connection idle, closing it", ctx.channel().id());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] Inbound client connection failed, closing it", ctx.channel().id(), cause);
        ctx.close();
    }
}
