package io.gatehouse.outbound;

/** The access credential a client connection proved it holds: ids and username only, never the password. */
record AuthenticatedClient(String credentialId, String vaultId, String username) {
}
