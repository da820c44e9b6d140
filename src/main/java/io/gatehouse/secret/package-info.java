/**
 * Sealing and unsealing private keys under the master key, and loading or creating that key.
 */
package io.gatehouse.secret;
