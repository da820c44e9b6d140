/**
 * The forward proxy: proxy authentication, CONNECT, HTTPS interception with the outbound CA.
 *
 * <p>{@link io.gatehouse.outbound.OutboundProxyServer} binds the listeners; each client connection gets a pipeline
 * from {@code OutboundChannelInitializer} and a {@code ProxyRequestHandler}, which authenticates the access
 * credential, answers what the proxy answers itself (407, 400, 414, 431, the 200 of a CONNECT) and hands every
 * other request to the connection's {@link io.gatehouse.upstream.UpstreamRelay} with the certificate selected for
 * the credential. {@link io.gatehouse.outbound.OutboundCa} owns the CA kept sealed in the store and the leaf
 * certificates it issues for intercepted hosts. Everything about one client connection runs on its event loop.
 */
package io.gatehouse.outbound;
