package io.gatehouse.outbound;

import io.gatehouse.config.ConfigSnapshot;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.upstream.HopByHopHeaders;
import io.gatehouse.upstream.TlsIdentity;
import io.gatehouse.upstream.UpstreamClient;
import io.gatehouse.upstream.UpstreamRelay;
import io.gatehouse.upstream.UpstreamTarget;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the requests of one client connection and decides what each becomes: a 407, a 400, a CONNECT tunnel whose
 * TLS this proxy terminates, or an exchange handed to the upstream relay.
 *
 * <p>All fields belong to the channel's event loop. Before a CONNECT the connection carries absolute-form requests,
 * each authenticated on its own; after it, every request inside the tunnel goes to the CONNECT's host and port, and
 * the credential the CONNECT proved is checked again against the current configuration on each request, so that a
 * deleted credential stops working in open tunnels too.
 */
final class ProxyRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ProxyRequestHandler.class);

    /** What happens to the body parts that follow a request head. */
    private enum Body { FORWARD, DISCARD }

    private final LiveConfig liveConfig;
    private final UpstreamClient upstreamClient;
    private final OutboundChannelInitializer initializer;
    private final Clock clock;
    private Body body = Body.DISCARD;
    private UpstreamRelay relay;
    private AuthenticatedClient tunnelClient;
    private RequestedTarget tunnelTarget;
    /** Set once an answer of this proxy ends the connection: whatever the client sent after it is dropped. */
    private boolean closing;

    ProxyRequestHandler(LiveConfig liveConfig, UpstreamClient upstreamClient, OutboundChannelInitializer initializer,
                        Clock clock) {
        this.liveConfig = liveConfig;
        this.upstreamClient = upstreamClient;
        this.initializer = initializer;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof HttpRequest request) {
            onRequest(ctx, request);
        } else if (msg instanceof HttpContent content) {
            onContent(ctx, content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        body = Body.DISCARD;
        if (request.decoderResult().isFailure()) {
            log.debug("[id: 0x{}] Unreadable request: {}", id(ctx), request.decoderResult().cause().toString());
            ReferenceCountUtil.release(request);
            answer(ctx, request, ProxyResponses.unreadable(request.decoderResult().cause()), false);
        } else if (tunnelTarget != null) {
            onTunnelRequest(ctx, request);
        } else if (HttpMethod.CONNECT.equals(request.method())) {
            onConnect(ctx, request);
        } else if (RequestedTarget.isAbsolute(request.uri())) {
            onAbsoluteRequest(ctx, request);
        } else if (request.uri().contains("://")) {
            answer(ctx, request, ProxyResponses.badRequest("Only http:// and https:// URIs are forwarded"), true);
        } else {
            answer(ctx, request, ProxyResponses.badRequest("This is a forward proxy: send CONNECT host:port or an "
                    + "absolute-form request (GET http://host/path), with this proxy configured as the HTTP proxy"),
                    true);
        }
    }

    private void onConnect(ChannelHandlerContext ctx, HttpRequest request) {
        Optional<AuthenticatedClient> client = ProxyAuthenticator.authenticate(request.headers(), liveConfig.current());
        if (client.isEmpty()) {
            log.debug("[id: 0x{}] CONNECT without a valid credential", id(ctx));
            answer(ctx, request, ProxyResponses.proxyAuthenticationRequired(), true);
            return;
        }
        Optional<RequestedTarget> target = RequestedTarget.fromConnect(request.uri());
        if (target.isEmpty()) {
            answer(ctx, request, ProxyResponses.badRequest("CONNECT needs host:port, e.g. CONNECT api.example:443"),
                    true);
            return;
        }
        tunnelClient = client.get();
        tunnelTarget = target.get();
        log.debug("[id: 0x{}] CONNECT {} by credential {}", id(ctx), tunnelTarget.authority(),
                tunnelClient.credentialId());
        initializer.startInterception(ctx, tunnelTarget.host());
    }

    private void onTunnelRequest(ChannelHandlerContext ctx, HttpRequest request) {
        ConfigSnapshot snapshot = liveConfig.current();
        if (!ProxyAuthenticator.stillExists(tunnelClient, snapshot)) {
            log.debug("[id: 0x{}] Credential {} was deleted; closing its tunnel", id(ctx),
                    tunnelClient.credentialId());
            answer(ctx, request, ProxyResponses.proxyAuthenticationRequired(), false);
            return;
        }
        String uri = request.uri();
        Optional<RequestedTarget> absolute = RequestedTarget.fromAbsoluteUri(uri);
        if (absolute.isPresent()) {
            uri = absolute.get().originForm();
        } else if (HttpMethod.CONNECT.equals(request.method()) || !(uri.startsWith("/") || "*".equals(uri))) {
            answer(ctx, request, ProxyResponses.badRequest("Inside a tunnel, send origin-form requests (GET /path)"),
                    false);
            return;
        }
        request.setUri(uri);
        if (!request.headers().contains(HttpHeaderNames.HOST)) {
            request.headers().set(HttpHeaderNames.HOST, tunnelTarget.authority());
        }
        Optional<TlsIdentity> identity = snapshot.identityFor(tunnelClient.credentialId(), clock.instant());
        forward(ctx, request, new UpstreamTarget(tunnelTarget.host(), tunnelTarget.port(), true, identity, null));
    }

    private void onAbsoluteRequest(ChannelHandlerContext ctx, HttpRequest request) {
        ConfigSnapshot snapshot = liveConfig.current();
        Optional<AuthenticatedClient> client = ProxyAuthenticator.authenticate(request.headers(), snapshot);
        if (client.isEmpty()) {
            log.debug("[id: 0x{}] {} request without a valid credential", id(ctx), request.method());
            answer(ctx, request, ProxyResponses.proxyAuthenticationRequired(), true);
            return;
        }
        Optional<RequestedTarget> target = RequestedTarget.fromAbsoluteUri(request.uri());
        if (target.isEmpty()) {
            answer(ctx, request, ProxyResponses.badRequest("The request URI names no valid host and port"), true);
            return;
        }
        RequestedTarget requested = target.get();
        request.setUri(requested.originForm());
        request.headers().set(HttpHeaderNames.HOST, requested.authority());
        Optional<TlsIdentity> identity = requested.tls()
                ? snapshot.identityFor(client.get().credentialId(), clock.instant())
                : Optional.empty();
        forward(ctx, request, new UpstreamTarget(requested.host(), requested.port(), requested.tls(), identity,
                null));
    }

    private void forward(ChannelHandlerContext ctx, HttpRequest request, UpstreamTarget target) {
        HopByHopHeaders.strip(request.headers());
        if (HttpUtil.is100ContinueExpected(request)) {
            // Answered here rather than by the upstream: the body goes to the relay either way.
            request.headers().remove(HttpHeaderNames.EXPECT);
            ctx.writeAndFlush(ProxyResponses.continueResponse());
        }
        if (relay == null) {
            relay = upstreamClient.newRelay(ctx.channel());
        }
        // The path only: a query string may carry a partner's token.
        log.debug("[id: 0x{}] {} {} to {}", id(ctx), request.method(), pathOf(request.uri()), target.authority());
        body = Body.FORWARD;
        relay.begin(request, target);
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (content.decoderResult().isFailure()) {
            log.debug("[id: 0x{}] Unreadable request body: {}", id(ctx), content.decoderResult().cause());
            content.release();
            closing = true;
            ctx.close();
        } else if (body == Body.FORWARD) {
            relay.content(content);
        } else {
            content.release();
        }
        if (last) {
            body = Body.DISCARD;
        }
    }

    /**
     * Writes an answer of this proxy's own. The connection stays open only when allowed, the client wants it and
     * the request has no body to skip; otherwise it closes once the answer is written.
     */
    private void answer(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response,
                        boolean keepAliveAllowed) {
        boolean keepAlive = keepAliveAllowed && HttpUtil.isKeepAlive(request) && !hasBody(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            closing = true;
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** How log lines name the client connection, as the upstream side names it too. */
    private static String id(ChannelHandlerContext ctx) {
        return ctx.channel().id().asShortText();
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static boolean hasBody(HttpRequest request) {
        return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            log.debug("[id: 0x{}] Client connection idle; closing it", id(ctx));
            ctx.close();
        } else if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            String host = tunnelTarget == null ? "the TLS listener" : tunnelTarget.host();
            log.warn("[id: 0x{}] TLS handshake with the client for {} failed (the client must trust the outbound CA, "
                    + "<data-dir>/outbound-ca.pem): {}", id(ctx), host,
                    handshake.cause().getMessage());
            ctx.close();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[id: 0x{}] Client connection failed", id(ctx), cause);
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (relay != null) {
            relay.clientReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (relay != null) {
            relay.clientClosed();
        }
        super.channelInactive(ctx);
    }
}
