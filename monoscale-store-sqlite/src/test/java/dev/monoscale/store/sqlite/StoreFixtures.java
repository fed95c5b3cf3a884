package dev.monoscale.store.sqlite;

import static dev.monoscale.testkit.MemoryFixtures.evidence;
import static dev.monoscale.testkit.MemoryFixtures.ids;
import static dev.monoscale.testkit.MemoryFixtures.initial;

import dev.monoscale.core.AgentId;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.GateRecord.CandidateScore;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.WorkerGuidance;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Values that are hard to store exactly, and raw access to a database file, for this module's tests. */
final class StoreFixtures {

    private StoreFixtures() {}

    /** A successor of {@code initial("web-surfer")} whose text, doubles, optionals and instant are hard to round-trip. */
    static RoutingMemory awkward() {
        MemoryEntry constrain = new MemoryEntry(MemoryEntryId.of("m1-constrain.2_b"),
                "totals after a \"quick\" lookup; then a chart\n(second line) ✓ 😀 \\ ' --",
                "never hand 'quick-math' output to coder",
                List.of(WorkerGuidance.constrain(AgentId.of("coder"), ids("quick-math", "web-surfer")),
                        WorkerGuidance.prefer(AgentId.of("vision-analyst"))),
                evidence(2, 3), 0.1 + 0.2);
        GateRecord fallback = new GateRecord(GateRecord.Outcome.FALLBACK, "no candidate passed: gain low < 0",
                ids("quick-math", "vision-analyst"), 1e-300, Double.MIN_VALUE, 7,
                List.of(new CandidateScore("wide", 3, -0.0, Double.NEGATIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY, false),
                        new CandidateScore("", 0, 1.0 / 3, -1e308, Double.MAX_VALUE, 0.0, true)),
                Optional.empty());
        return initial("web-surfer").next(ids("web-surfer", "coder"), List.of(constrain), fallback,
                Instant.parse("2026-01-01T00:00:00.123456789Z"));
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
