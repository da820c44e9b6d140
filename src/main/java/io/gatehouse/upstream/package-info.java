/**
 * The one TLS-origination path: TLS identities, TLS contexts, the upstream connection pool and the relay
 * that carries an exchange from a client to an upstream and back.
 */
package io.gatehouse.upstream;
