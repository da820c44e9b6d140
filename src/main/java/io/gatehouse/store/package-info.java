/**
 * Persistence of vaults, access credentials, routes, certificates, the outbound CA and the audit log.
 *
 * <p>{@link io.gatehouse.store.GatehouseStore} is the contract; {@link io.gatehouse.store.StoreFactory} opens its
 * one implementation, {@link io.gatehouse.store.JdbiStore}, on the embedded SQLite database or on PostgreSQL, after
 * Flyway has migrated the schema ({@code db/migration/sqlite}, {@code db/migration/postgresql}, kept in step).
 * Writes serialize on the database (SQLite's write lock, PostgreSQL's lock on the {@code config_version} row), so
 * the rules checked in code hold at commit on any number of nodes; the schema enforces them again. Private keys
 * arrive already sealed ({@code io.gatehouse.secret}); the store never sees a key or a password in clear.
 *
 * <p>On PostgreSQL every write also announces its new configuration version with {@code pg_notify} on the channel
 * {@code gatehouse_config}, in its own transaction; {@link io.gatehouse.store.GatehouseStore#changeFeed()} listens
 * for those announcements on a connection of its own.
 *
 * <p>Every audit event names the configuration version its change produced, which is how
 * {@link io.gatehouse.store.GatehouseStore#changesSince(long)} tells a node what changed after the version it holds
 * ({@link io.gatehouse.store.StoreChanges}) without reading the whole store.
 */
package io.gatehouse.store;
