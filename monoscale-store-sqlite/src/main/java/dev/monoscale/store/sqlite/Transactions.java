package dev.monoscale.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Write transactions on a connection left in JDBC auto-commit mode, so that every read outside them sees the
 * newest committed data instead of a snapshot held open by the driver.
 */
final class Transactions {

    private Transactions() {}

    /** Work that reads or writes through JDBC. */
    @FunctionalInterface
    interface SqlWork<T extends @Nullable Object> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} inside {@code BEGIN IMMEDIATE ... COMMIT}, rolling back if it throws. {@code IMMEDIATE}
     * takes the database's write lock before the first read (waiting up to the busy timeout), so what the work
     * reads cannot change before it commits, not even from another process.
     */
    static <T extends @Nullable Object> T immediate(Connection connection, SqlWork<T> work) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            T result;
            try {
                result = work.run();
                statement.execute("COMMIT");
            } catch (Throwable failure) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException e) {
                    failure.addSuppressed(e);
                }
                throw failure;
            }
            return result;
        }
    }
}
