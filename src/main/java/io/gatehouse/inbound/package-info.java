/**
 * The reverse proxy: listeners, route matching by vault and path prefix, request rewriting.
 */
package io.gatehouse.inbound;
