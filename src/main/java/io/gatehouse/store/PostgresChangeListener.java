package io.gatehouse.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The {@link ChangeFeed} of PostgreSQL: {@code LISTEN gatehouse_config} on a dedicated connection (outside the
 * pool, which would hand it to other work), fed by the {@code pg_notify} that every write transaction sends with
 * the version it committed (see {@link Dialect#announceVersion}).
 *
 * <p>A connection that the server closes (shutdown, {@code pg_terminate_backend}) fails the next wait. One that
 * goes silent (a network cut) would not, so a wait that saw nothing also checks the connection now and then.
 */
final class PostgresChangeListener implements ChangeFeed {
    static final String APPLICATION_NAME = "gatehouse-config-listener";
    private static final long LIVENESS_CHECK_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int LIVENESS_TIMEOUT_SECONDS = 2;

    private final String jdbcUrl;
    private final Properties properties;
    // Owned by the one thread that uses the feed.
    private Connection connection;
    private long lastCheckNanos;

    PostgresChangeListener(String jdbcUrl, Properties properties) {
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
    }

    @Override
    public void connect() {
        close();
        try {
            Connection opened = DriverManager.getConnection(jdbcUrl, properties);
            try (Statement statement = opened.createStatement()) {
                statement.execute("LISTEN " + Dialect.CHANGE_CHANNEL);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
            lastCheckNanos = System.nanoTime();
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot listen for configuration changes (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    @Override
    public OptionalLong awaitChange(Duration timeout) {
        if (connection == null) {
            throw new StoreUnavailableException("The change listener is not connected", null);
        }
        try {
            PGNotification[] notifications = connection.unwrap(PGConnection.class)
                    .getNotifications((int) Math.max(1, timeout.toMillis()));
            OptionalLong highest = highestVersion(notifications);
            if (highest.isEmpty()) {
                checkAlive();
            }
            return highest;
        } catch (SQLException e) {
            close();
            throw new StoreUnavailableException("Lost the change listener's connection (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Already broken; nothing left to release.
            }
            connection = null;
        }
    }

    private void checkAlive() throws SQLException {
        long now = System.nanoTime();
        if (now - lastCheckNanos < LIVENESS_CHECK_NANOS) {
            return;
        }
        lastCheckNanos = now;
        if (!connection.isValid(LIVENESS_TIMEOUT_SECONDS)) {
            throw new SQLException("The change listener's connection does not answer", "08006");
        }
    }

    private static OptionalLong highestVersion(PGNotification[] notifications) {
        if (notifications == null) {
            return OptionalLong.empty();
        }
        long highest = -1;
        for (PGNotification notification : notifications) {
            highest = Math.max(highest, parseVersion(notification.getParameter()));
        }
        return highest < 0 ? OptionalLong.empty() : OptionalLong.of(highest);
    }

    private static long parseVersion(String payload) {
        try {
            return Long.parseLong(payload);
        } catch (NumberFormatException e) {
            // Not one of ours; still a hint that something changed, so treat it as "look at the store".
            return 0;
        }
    }
}
