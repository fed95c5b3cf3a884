package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.postgres.PostgresLocation;
import dev.monoscale.store.postgres.PostgresMemoryStore;
import dev.monoscale.store.postgres.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code onboard} processes on one PostgreSQL memory, both built on the same head: the database lets exactly
 * one append land and the other process ends with the conflict line.
 *
 * <p>To make the race certain rather than likely, the test holds an EXCLUSIVE lock on {@code memory_version}
 * (which lets reads through and holds inserts back) until both processes are waiting inside their append, having
 * read the same head and passed the store's own check; then it lets them go.
 */
class OnboardRaceTest {

    private static final TestPostgres SERVER = TestPostgres.shared();

    @TempDir
    Path dir;

    @Test
    void
            of_two_onboard_runs_racing_on_one_postgresql_memory_one_appends_the_next_version_and_the_other_gets_the_conflict_line()
                    throws Exception {
        PostgresLocation memory = SERVER.newMemory();
        Cli initial = Cli.run("onboard", "--world", "paper-noisy", "--stage", "0", "--db", memory.toString());
        assertThat(initial.exit()).as(initial.err()).isZero();

        List<Process> rounds;
        try (Connection gate = SERVER.connect(memory)) {
            gate.setAutoCommit(false);
            try (Statement statement = gate.createStatement()) {
                statement.execute("LOCK TABLE memory_version IN EXCLUSIVE MODE");
            }
            rounds = List.of(start(memory, "a"), start(memory, "b"));
            awaitWaitingOn(memory, gate, 2, rounds);
            gate.commit();
        }
        for (Process round : rounds) {
            assertThat(round.waitFor(120, TimeUnit.SECONDS)).as("a round ended").isTrue();
        }

        List<Integer> exits = rounds.stream().map(Process::exitValue).sorted().toList();
        assertThat(exits).as(stderr("a") + stderr("b")).containsExactly(0, 2);
        Process loser =
                rounds.stream().filter(p -> p.exitValue() == 2).findFirst().orElseThrow();
        assertThat(stderr(rounds.indexOf(loser) == 0 ? "a" : "b").lines().filter(line -> !line.startsWith("  ")))
                .containsExactly(
                        "monoscale: memory head is v1 but v1 was built on v0; re-run the round against the new head");
        try (MemoryStore store = PostgresMemoryStore.openExisting(memory, null)) {
            List<RoutingMemory> history = store.history();
            assertThat(history).hasSize(2);
            assertThat(history.getLast().parent()).isEqualTo(MemoryVersion.of(0));
        }
    }

    private Process start(PostgresLocation memory, String name) throws Exception {
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
                        "--stage",
                        "1",
                        "--db",
                        memory.toString(),
                        "--warmup-tasks",
                        "10",
                        "--samples",
                        "2")
                .redirectOutput(dir.resolve("out-" + name + ".txt").toFile())
                .redirectError(dir.resolve("err-" + name + ".txt").toFile())
                .start();
    }

    private static String tail(String text) {
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    private String stderr(String name) {
        try {
            return Files.readString(dir.resolve("err-" + name + ".txt"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    /**
     * Waits until {@code count} sessions wait on the lock {@code gate} holds; fails if a round ends first. It looks
     * through a connection of its own: inside the gate's transaction, pg_stat_activity would stay the snapshot taken
     * at its first read.
     */
    private void awaitWaitingOn(PostgresLocation memory, Connection gate, int count, List<Process> rounds)
            throws SQLException, InterruptedException {
        int gatePid;
        try (Statement statement = gate.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            gatePid = row.getInt(1);
        }
        try (Connection watcher = SERVER.connect(memory)) {
            awaitWaitingOn(watcher, gatePid, count, rounds);
        }
    }

    private void awaitWaitingOn(Connection watcher, int gatePid, int count, List<Process> rounds)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            for (Process round : rounds) {
                if (!round.isAlive()) {
                    throw new AssertionError(
                            "a round ended before both waited on the append: " + stderr("a") + stderr("b"));
                }
            }
            try (Statement statement = watcher.createStatement();
                    ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE " + gatePid
                            + " = ANY (pg_blocking_pids(pid))")) {
                row.next();
                if (row.getInt(1) >= count) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        StringBuilder sessions = new StringBuilder();
        try (Statement statement = watcher.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT pid || ' ' || coalesce(wait_event_type, '-') || ' ' || state || ' '"
                                + " || left(query, 80) FROM pg_stat_activity WHERE application_name = 'monoscale'")) {
            while (rows.next()) {
                sessions.append(rows.getString(1)).append("; ");
            }
        }
        throw new AssertionError("the rounds did not both reach their append within three minutes; sessions: "
                + sessions + " stderr a: " + tail(stderr("a")) + " stderr b: " + tail(stderr("b")));
    }
}
