package io.gatehouse.upstream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes the headers that belong to one hop and must not be forwarded (RFC 9110 section 7.6.1): those named in
 * {@code Connection}, the fixed hop-by-hop set, and {@code Proxy-Authorization}, which carries a credential.
 */
public final class HopByHopHeaders {
    private static final List<AsciiString> FIXED = List.of(
            HttpHeaderNames.CONNECTION,
            AsciiString.cached("keep-alive"),
            HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.PROXY_AUTHORIZATION,
            AsciiString.cached("proxy-connection"),
            HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER,
            HttpHeaderNames.UPGRADE);

    private HopByHopHeaders() {
    }

    /**
     * Strips the hop-by-hop headers in place. {@code Transfer-Encoding} is left to the HTTP codec, which re-frames
     * the body for the next hop, so it is not removed here.
     */
    public static void strip(HttpHeaders headers) {
        List<String> named = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                String name = token.strip();
                if (!name.isEmpty()) {
                    named.add(name);
                }
            }
        }
        for (String name : named) {
            if (!HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)) {
                headers.remove(name);
            }
        }
        for (AsciiString name : FIXED) {
            headers.remove(name);
        }
    }
}
