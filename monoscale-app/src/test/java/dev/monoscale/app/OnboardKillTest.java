package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.sqlite.SqliteMemoryStore;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** A round killed with SIGKILL loses nothing that was committed, and re-running the command resumes. */
class OnboardKillTest {

    @TempDir
    Path dir;

    @Test
    void killing_onboard_mid_round_leaves_a_store_whose_head_is_the_last_committed_version() throws Exception {
        Path db = dir.resolve("memory.db");
        Process onboard = start(db);
        try {
            waitForVersion(db, 1, onboard);
            onboard.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
            assertThat(onboard.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            onboard.destroyForcibly();
        }

        List<RoutingMemory> history;
        try (MemoryStore store = SqliteMemoryStore.open(db)) {
            history = store.history();
            assertThat(history).isNotEmpty();
            for (int i = 0; i < history.size(); i++) {
                assertThat(history.get(i).version()).isEqualTo(MemoryVersion.of(i));
                assertThat(history.get(i).parent()).isEqualTo(i == 0 ? null : MemoryVersion.of(i - 1));
            }
            assertThat(store.head()).contains(history.getLast());
        }
        assertThat(history.size())
                .as("the kill came mid-way, before the last round")
                .isLessThan(4);

        Process again = start(db);
        assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue(); // generous: a busy machine runs the rounds slowly
        assertThat(again.exitValue())
                .as(new String(again.getErrorStream().readAllBytes(), Charset.defaultCharset()))
                .isZero();
        try (MemoryStore store = SqliteMemoryStore.open(db)) {
            assertThat(store.history()).hasSize(4).startsWith(history.toArray(RoutingMemory[]::new));
        }
    }

    private Process start(Path db) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "onboard",
                        "--world",
                        "paper-noisy",
                        "--db",
                        db.toString())
                .redirectOutput(dir.resolve("out-" + System.nanoTime() + ".txt").toFile())
                .start();
    }

    /**
     * Polls the database with a read-only connection until its head is {@code version}: in WAL mode a reader never
     * blocks the writer, so the poll cannot slow the round it waits for (opening the store would migrate, and write).
     * The deadline is generous; on a fast machine the version comes within a second or two.
     */
    private static void waitForVersion(Path db, int version, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("onboard ended before version " + version + ": "
                        + new String(process.getErrorStream().readAllBytes(), Charset.defaultCharset()));
            }
            if (Files.exists(db) && Files.size(db) > 0) {
                try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db, readOnly.toProperties());
                        Statement statement = connection.createStatement();
                        ResultSet head = statement.executeQuery("SELECT max(number) FROM memory_version")) {
                    if (head.next() && head.getInt(1) >= version) {
                        return;
                    }
                } catch (SQLException busyOrHalfCreated) {
                    // the other process may be creating the schema right now; look again
                }
            }
            Thread.sleep(20); // a poll with a deadline, not a wait for time to pass
        }
        throw new AssertionError("no version " + version + " within five minutes");
    }
}
