/**
 * The live, immutable view of the configuration that the proxies read, and how it is replaced.
 *
 * <p>{@link io.gatehouse.config.LiveConfig} holds the snapshot and swaps it whole; it never drops the one it holds
 * when the store cannot be read. A change reads only the rows changed since the version held and makes the next
 * snapshot from the held one ({@code SnapshotBuilder}, {@code LayeredMap}), so its cost does not grow with the
 * store. {@link io.gatehouse.config.ConfigFollower} keeps it in step with changes made by any node (PostgreSQL
 * notifications, plus a version check once a second) and tells {@code /healthz} whether the store answers
 * ({@link io.gatehouse.config.NodeHealth}).
 */
package io.gatehouse.config;
