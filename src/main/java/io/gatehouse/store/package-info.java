/**
 * Persistence of vaults, access credentials, routes, certificates, the outbound CA and the audit log.
 */
package io.gatehouse.store;
