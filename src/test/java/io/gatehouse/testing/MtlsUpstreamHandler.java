package io.gatehouse.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Answers the requests of one connection to {@link MtlsUpstream}; see there for the endpoints. */
final class MtlsUpstreamHandler extends ChannelInboundHandlerAdapter {
    private final MtlsUpstream upstream;
    private final int connectionId;
    private SeenRequest request;
    private boolean keepAlive;
    private long bodyBytes;
    private final CRC32 bodyCrc = new CRC32();

    MtlsUpstreamHandler(MtlsUpstream upstream, int connectionId) {
        this.upstream = upstream;
        this.connectionId = connectionId;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest head) {
                request = new SeenRequest(connectionId, head.method().name(), head.uri(),
                        new DefaultHttpHeaders().add(head.headers()), clientChain(ctx));
                keepAlive = HttpUtil.isKeepAlive(head);
                bodyBytes = 0;
                bodyCrc.reset();
                upstream.record(request);
            }
            if (msg instanceof HttpContent content) {
                ByteBuf body = content.content();
                bodyBytes += body.readableBytes();
                bodyCrc.update(body.nioBuffer());
                if (content instanceof LastHttpContent) {
                    answer(ctx);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void answer(ChannelHandlerContext ctx) {
        QueryStringDecoder query = new QueryStringDecoder(request.path());
        switch (query.path()) {
            case "/download" -> download(ctx, Long.parseLong(parameter(query, "bytes", "0")));
            case "/slow" -> {
                SeenRequest slow = request;
                ctx.executor().schedule(() -> respond(ctx, slow, "slow"),
                        Long.parseLong(parameter(query, "ms", "1000")), TimeUnit.MILLISECONDS);
            }
            case "/reset" -> reset(ctx);
            case "/vanish" -> {
                respond(ctx, request, "vanishing");
                ctx.close();
            }
            case "/upload" -> respond(ctx, request, "bytes=" + bodyBytes + " crc32="
                    + Long.toHexString(bodyCrc.getValue()));
            default -> respond(ctx, request, "ok " + request.clientSubject());
        }
    }

    private void respond(ChannelHandlerContext ctx, SeenRequest seen, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        describe(response, seen);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().set("X-Upload-Bytes", bodyBytes);
        response.headers().set("X-Upload-Crc32", Long.toHexString(bodyCrc.getValue()));
        HttpUtil.setContentLength(response, response.content().readableBytes());
        finish(ctx, ctx.writeAndFlush(response));
    }

    private void download(ChannelHandlerContext ctx, long bytes) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        describe(response, request);
        response.headers().set("X-Body-Crc32", Long.toHexString(PatternBody.crc32(bytes)));
        HttpUtil.setContentLength(response, bytes);
        ctx.write(response);
        finish(ctx, ctx.writeAndFlush(new HttpChunkedInput(new PatternBody(bytes))));
    }

    private void reset(ChannelHandlerContext ctx) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        describe(response, request);
        HttpUtil.setContentLength(response, 1_000_000);
        ctx.write(response);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[1000])).addListener(ChannelFutureListener.CLOSE);
    }

    private void finish(ChannelHandlerContext ctx, io.netty.channel.ChannelFuture written) {
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void describe(HttpResponse response, SeenRequest seen) {
        String subject = seen.clientSubject();
        response.headers().set("X-Connection-Id", seen.connectionId());
        response.headers().set("X-Client-Subject", subject == null ? "" : subject);
        response.headers().set("X-Client-Fingerprint", subject == null ? "" : seen.clientFingerprint());
        response.headers().set("X-Client-Chain-Length", seen.clientChain().size());
        response.headers().set("X-Seen-Host", String.valueOf(seen.headers().get(HttpHeaderNames.HOST)));
        response.headers().set("X-Seen-Path", seen.path());
        response.headers().set("X-Seen-Headers", String.join(",", seen.headers().names()));
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
    }

    private static String parameter(QueryStringDecoder query, String name, String otherwise) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? otherwise : values.get(0);
    }

    private static List<X509Certificate> clientChain(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : ssl.engine().getSession().getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException none) {
            return List.of();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A client that goes away mid-exchange (or fails its handshake) is part of what the tests do.
        ctx.close();
    }
}
