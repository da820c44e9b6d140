/**
 * The forward proxy: proxy authentication, CONNECT, HTTPS interception with the outbound CA.
 */
package io.gatehouse.outbound;
