package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.store.postgres.PostgresLocation;
import dev.monoscale.store.postgres.PostgresMemoryStore;
import dev.monoscale.store.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --db postgresql://...}: the memory in a PostgreSQL server, and the values of {@code --db} that are refused. */
class PostgresMemoryCliTest {

    private static final TestPostgres SERVER = TestPostgres.shared();
    private static final String ALLOWED =
            "allowed: an SQLite file path, or postgresql://USER@HOST[:PORT]/DATABASE[?schema=NAME]"
                    + " with the password in PGPASSWORD";

    @Test
    void onboard_keeps_the_memory_in_postgresql_where_memory_log_and_rollback_find_it_and_writes_no_local_file() {
        PostgresLocation memory = SERVER.newMemory();
        String url = memory.toString();

        Cli onboard = Cli.run(
                "onboard",
                "--world",
                "paper-noisy",
                "--stage",
                "1",
                "--db",
                url,
                "--warmup-tasks",
                "10",
                "--samples",
                "2");
        Cli log = Cli.run("memory", "log", "--db", url);
        Cli rollback = Cli.run("memory", "rollback", "--db", url, "--to", "v0");

        assertThat(onboard.exit()).as(onboard.err()).isZero();
        assertThat(onboard.out()).startsWith("memory " + url + ": v0, the empty memory over ");
        assertThat(log.exit()).as(log.err()).isZero();
        assertThat(log.out().lines()).hasSize(2);
        assertThat(rollback.out())
                .startsWith("memory " + url + ": appended v2, which restores v0 (0 entries); v1 stays in the history");
        try (MemoryStore store = PostgresMemoryStore.openExisting(memory, null)) {
            assertThat(store.head().orElseThrow().version()).isEqualTo(MemoryVersion.of(2));
            assertThat(store.history()).hasSize(3);
        }
        assertThat(Path.of("postgresql:")).doesNotExist();
    }

    @Test
    void a_scheme_the_project_does_not_support_is_refused_in_one_line_and_creates_nothing() {
        Cli cli = Cli.run(
                "onboard", "--world", "paper-noisy", "--stage", "0", "--db", "mysql://ms@127.0.0.1:3306/memory");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo(
                        "monoscale: --db: db = 'mysql://ms@127.0.0.1:3306/memory' (scheme 'mysql' is not supported); "
                                + ALLOWED + System.lineSeparator());
        assertThat(cli.out()).isEmpty();
        assertThat(Path.of("mysql:")).doesNotExist();
    }

    @Test
    void a_url_holding_a_password_is_refused_in_one_line_that_does_not_repeat_it() {
        Cli cli = Cli.run("memory", "log", "--db", "postgresql://ms:s3cret@127.0.0.1:5432/postgres");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("monoscale: --db: db = 'postgresql://ms:***@127.0.0.1:5432/postgres' (a password in the URL;"
                        + " put it in the environment variable PGPASSWORD); allowed: postgresql://USER@HOST[:PORT]/DATABASE[?schema=NAME]"
                        + " with the password in PGPASSWORD" + System.lineSeparator());
    }

    @Test
    void a_path_stays_an_sqlite_file(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("memory.db");

        Cli cli = Cli.run("onboard", "--world", "paper-noisy", "--stage", "0", "--db", db.toString());

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(Files.readString(db, java.nio.charset.StandardCharsets.ISO_8859_1))
                .startsWith("SQLite format 3");
    }

    @Test
    void reading_a_postgresql_memory_nothing_created_is_refused_in_one_line_and_creates_nothing() throws Exception {
        PostgresLocation fresh = SERVER.newMemory();

        Cli cli = Cli.run("memory", "log", "--db", fresh.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo(
                        "monoscale: '%s' holds no MonoScale memory (schema '%s' has no schema_history); `monoscale onboard --db %s` creates one%n"
                                .formatted(fresh, fresh.schema(), fresh));
        assertThat(SERVER.rows(fresh, "SELECT count(*) FROM pg_namespace WHERE nspname = '" + fresh.schema() + "'"))
                .containsExactly("0");
    }

    @Test
    void a_failed_onboard_on_a_new_postgresql_memory_leaves_no_schema_behind(@TempDir Path dir) throws Exception {
        PostgresLocation fresh = SERVER.newMemory();
        Path card = dir.resolve("card.json");
        Files.writeString(
                card,
                "{\"name\": \"Web Surfer\", \"description\": \"x\", \"url\": \"http://localhost:1\","
                        + " \"skills\": []}");

        Cli cli = Cli.run("onboard", "--stage", "1", "--card", card.toString(), "--db", fresh.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).contains("a worker not already in the pool");
        assertThat(SERVER.rows(fresh, "SELECT count(*) FROM pg_namespace WHERE nspname = '" + fresh.schema() + "'"))
                .containsExactly("0");
    }

    @Test
    void a_failed_onboard_leaves_an_existing_postgresql_memory_as_it_was(@TempDir Path dir) throws Exception {
        PostgresLocation memory = SERVER.newMemory();
        assertThat(Cli.run("onboard", "--stage", "0", "--db", memory.toString()).exit())
                .isZero();
        Path card = dir.resolve("card.json");
        Files.writeString(
                card,
                "{\"name\": \"Web Surfer\", \"description\": \"x\", \"url\": \"http://localhost:1\","
                        + " \"skills\": []}");

        Cli cli = Cli.run("onboard", "--stage", "1", "--card", card.toString(), "--db", memory.toString());

        assertThat(cli.exit()).isEqualTo(2);
        try (MemoryStore store = PostgresMemoryStore.openExisting(memory, null)) {
            assertThat(store.history())
                    .singleElement()
                    .satisfies(v0 -> assertThat(v0.version()).isEqualTo(MemoryVersion.INITIAL));
        }
    }

    @Test
    void a_server_nobody_listens_on_is_one_line() {
        Cli cli = Cli.run("memory", "log", "--db", "postgresql://ms@127.0.0.1:1/postgres");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .startsWith(
                        "monoscale: connecting to 'postgresql://ms@127.0.0.1:1/postgres' failed: Connection to 127.0.0.1:1 refused")
                .hasLineCount(1);
    }
}
