/**
 * The reverse proxy: listeners, route matching by vault and path prefix, request rewriting.
 *
 * <p>{@link io.gatehouse.inbound.InboundProxyServer} binds the HTTP and HTTPS listeners. Each client connection gets
 * a pipeline of TLS (HTTPS only), the HTTP/1.1 codec with request line and header limits, keep-alive bookkeeping and
 * one request handler. The handler reads the configuration snapshot once per request, finds the vault from the Host
 * ({@code VaultHost}) and the route and certificate ({@code InboundRouting}), rewrites the head for the upstream
 * ({@code RequestRewriter}), and hands head and body to the upstream relay, which streams them with back-pressure
 * and answers upstream failures. Requests it cannot route, or that are malformed, it answers itself
 * ({@code LocalResponses}, {@code MalformedRequests}).
 */
package io.gatehouse.inbound;
