package dev.monoscale.store.sqlite;

import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.testkit.MemoryFixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Values that are hard to store exactly, and raw access to a database file, for this module's tests. */
final class StoreFixtures {

    private StoreFixtures() {}

    /** A successor of {@code initial("web-surfer")} whose text, doubles, optionals and instant are hard to round-trip. */
    static RoutingMemory awkward() {
        return MemoryFixtures.awkward();
    }

    /** The first column of every row {@code sql} returns, read through a connection of its own. */
    static List<String> rows(Path file, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    /** Runs {@code sql} through a connection of its own, as a person with the sqlite3 shell would. */
    static void execute(Path file, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
