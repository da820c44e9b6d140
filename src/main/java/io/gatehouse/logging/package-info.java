/**
 * How a node logs: its console logging, set up in code when logback starts.
 */
package io.gatehouse.logging;
