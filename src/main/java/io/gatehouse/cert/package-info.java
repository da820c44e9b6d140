/**
 * Parsing and validating uploaded certificates, chains and private keys, and the summaries the API shows.
 * Nothing here touches the network or the store.
 */
package io.gatehouse.cert;
