/**
 * The command line: {@code serve} and the commands that talk to a running node's admin API.
 */
package io.gatehouse.cli;
