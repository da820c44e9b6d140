/**
 * The live, immutable view of the configuration that the proxies read, and how it is replaced.
 */
package io.gatehouse.config;
