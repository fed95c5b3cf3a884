package dev.monoscale.store.postgres;

import static dev.monoscale.testkit.MemoryFixtures.T0;
import static dev.monoscale.testkit.MemoryFixtures.accepted;
import static dev.monoscale.testkit.MemoryFixtures.avoid;
import static dev.monoscale.testkit.MemoryFixtures.ids;
import static dev.monoscale.testkit.MemoryFixtures.initial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryStoreContract;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.sqlite.MemoryDatabaseException;
import dev.monoscale.testkit.MemoryFixtures;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The store contract and PostgreSQL's own promises, against a real server (see {@link TestPostgres}). */
class PostgresMemoryStoreTest extends MemoryStoreContract {

    private static final TestPostgres SERVER = TestPostgres.shared();

    private PostgresLocation memory;

    @Override
    protected MemoryStore newStore() {
        memory = SERVER.newMemory();
        return PostgresMemoryStore.open(memory, null);
    }

    @Override
    protected MemoryStore sameMemory() {
        return PostgresMemoryStore.open(memory, null);
    }

    @Test
    void the_schema_records_v1_and_each_version_is_one_row_with_its_number_parent_time_and_outcome()
            throws SQLException {
        store.append(initial("a"));
        store.append(MemoryFixtures.awkward());

        assertThat(SERVER.rows(
                        memory, "SELECT version || ' ' || description || ' ' || length(checksum) FROM schema_history"))
                .containsExactly("1 memory 64");
        assertThat(
                        SERVER.rows(
                                memory,
                                "SELECT number || ' ' || coalesce(parent::text, '-') || ' ' || outcome"
                                        + " || ' ' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM memory_version ORDER BY number"))
                .containsExactly("0 - INITIAL 2026-01-01 00:00:00.000000", "1 0 FALLBACK 2026-01-01 00:00:00.123457");
        assertThat(SERVER.rows(
                        memory, "SELECT version || ' ' || id || ' ' || successes || '/' || trials FROM memory_entry"))
                .containsExactly("1 m1-constrain.2_b 2/3");
    }

    @Test
    void the_body_keeps_the_exact_json_text_the_sqlite_store_keeps() throws SQLException {
        store.append(initial("web-surfer"));
        store.append(MemoryFixtures.awkward());

        assertThat(SERVER.rows(memory, "SELECT body::text FROM memory_version WHERE number = 1"))
                .containsExactly(dev.monoscale.store.MemoryJson.write(MemoryFixtures.awkward()));
    }

    @Test
    void the_history_is_append_only_even_for_psql_users() throws SQLException {
        store.append(initial("a"));

        assertThatThrownBy(() -> SERVER.execute(memory, "UPDATE memory_version SET outcome = 'ACCEPTED'"))
                .hasMessageContaining("the memory history is append-only: UPDATE on memory_version refused");
        assertThatThrownBy(() -> SERVER.execute(memory, "DELETE FROM memory_version"))
                .hasMessageContaining("the memory history is append-only: DELETE on memory_version refused");
        assertThatThrownBy(() -> SERVER.execute(memory, "TRUNCATE memory_version"))
                .hasMessageContaining("the memory history is append-only: TRUNCATE on memory_version refused");
        assertThat(store.history()).containsExactly(initial("a"));
    }

    @Test
    void the_database_itself_refuses_a_second_successor_of_one_head() throws SQLException {
        store.append(initial("a"));
        store.append(initial("a").next(ids("a"), List.of(), accepted("b"), T0));

        assertThatThrownBy(() -> SERVER.execute(
                        memory,
                        "INSERT INTO memory_version SELECT 1, 0, created_at, outcome, body"
                                + " FROM memory_version WHERE number = 1"))
                .hasMessageContaining("duplicate key value violates unique constraint");
        assertThatThrownBy(() -> SERVER.execute(
                        memory,
                        "INSERT INTO memory_version SELECT 3, 1, created_at, outcome, body"
                                + " FROM memory_version WHERE number = 1"))
                .hasMessageContaining("memory_version_follows_its_parent");
    }

    @Test
    void reopening_the_memory_gives_back_the_same_history_and_applies_no_script_twice() throws SQLException {
        RoutingMemory v0 = initial("web-surfer");
        store.append(v0);
        store.close();

        try (PostgresMemoryStore reopened = PostgresMemoryStore.open(memory, null)) {
            assertThat(reopened.history()).containsExactly(v0);
        }
        assertThat(SERVER.rows(memory, "SELECT count(*) FROM schema_history")).containsExactly("1");
    }

    @Test
    void opening_an_existing_memory_refuses_a_schema_nothing_was_created_in() {
        PostgresLocation fresh = SERVER.newMemory();

        assertThatThrownBy(() -> PostgresMemoryStore.openExisting(fresh, null))
                .isInstanceOf(MemoryDatabaseException.class)
                .hasMessage(
                        "'%s' holds no MonoScale memory (schema '%s' has no schema_history); `monoscale onboard --db %s` creates one",
                        fresh, fresh.schema(), fresh);
    }

    @Test
    void another_applications_schema_is_refused_and_gets_none_of_our_tables() throws SQLException {
        PostgresLocation shop = SERVER.newMemory();
        SERVER.execute(
                shop, "CREATE SCHEMA " + shop.schema() + "; CREATE TABLE " + shop.schema() + ".customer (id int)");

        assertThatThrownBy(() -> PostgresMemoryStore.open(shop, null))
                .isInstanceOf(MemoryDatabaseException.class)
                .hasMessage(
                        "'%s' is not a MonoScale memory (schema '%s' holds tables customer of another application); name another schema with ?schema=NAME, MonoScale does not add its tables to it",
                        shop, shop.schema());
        assertThat(SERVER.rows(
                        shop,
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + shop.schema()
                                + "'"))
                .containsExactly("customer");
    }

    @Test
    void a_memory_from_a_newer_schema_is_refused() throws SQLException {
        store.close();
        SERVER.execute(memory, "INSERT INTO schema_history VALUES (99, 'from the future', 'abc', now())");

        assertThatThrownBy(() -> PostgresMemoryStore.open(memory, null))
                .isInstanceOf(MemoryDatabaseException.class)
                .hasMessage(
                        "'%s' was written by a newer MonoScale (schema v99; this build knows up to v1); upgrade MonoScale to open it",
                        memory);
    }

    @Test
    void a_memory_whose_recorded_script_checksum_differs_is_refused() throws SQLException {
        store.close();
        String checksum =
                SERVER.rows(memory, "SELECT checksum FROM schema_history").getFirst();
        SERVER.execute(memory, "UPDATE schema_history SET checksum = 'edited'");

        assertThatThrownBy(() -> PostgresMemoryStore.open(memory, null))
                .isInstanceOf(MemoryDatabaseException.class)
                .hasMessage(
                        "'%s' records schema v1 with checksum edited but this build's V1__memory.sql has checksum %s; the database or the script was changed by hand",
                        memory, checksum);
    }

    @Test
    void a_server_nobody_listens_on_is_one_line_naming_the_url() {
        PostgresLocation nowhere = new PostgresLocation("ms", "127.0.0.1", 1, "postgres", "monoscale", null);

        assertThatThrownBy(() -> PostgresMemoryStore.open(nowhere, null))
                .isInstanceOf(MemoryDatabaseException.class)
                .hasMessageStartingWith(
                        "connecting to 'postgresql://ms@127.0.0.1:1/postgres' failed: Connection to 127.0.0.1:1 refused")
                .message()
                .doesNotContain("\n");
    }

    @Test
    void an_unknown_user_is_one_line_that_says_where_the_password_comes_from() {
        PostgresLocation stranger =
                new PostgresLocation("nobody_here", "127.0.0.1", SERVER.port(), "postgres", "monoscale", null);

        assertThatThrownBy(() -> PostgresMemoryStore.open(stranger, "secret"))
                .isInstanceOf(MemoryDatabaseException.class)
                .hasMessageStartingWith("connecting to 'postgresql://nobody_here@127.0.0.1:%d/postgres' failed: "
                        .formatted(SERVER.port()))
                .hasMessageContaining("nobody_here")
                .message()
                .doesNotContain("secret");
    }

    @Test
    void a_store_whose_connections_the_server_dropped_reconnects_and_its_listener_still_hears() throws Exception {
        RoutingMemory v0 = initial("a");
        store.append(v0);
        BlockingQueue<MemoryVersion> heard = new LinkedBlockingQueue<>();
        try (MemoryStore.Subscription subscription = store.onNewHead(heard::add);
                MemoryStore other = sameMemory()) {
            SERVER.execute(
                    memory,
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE application_name = 'monoscale' AND pid <> pg_backend_pid()");
            // the other store's connection went too: its first call fails in one line, the next reconnects
            assertThatThrownBy(other::head)
                    .isInstanceOf(MemoryDatabaseException.class)
                    .message()
                    .doesNotContain("\n");
            RoutingMemory v1 = v0.next(ids("a"), List.of(avoid("m1", "p", "b", 3)), accepted("b"), T0);

            other.append(v1);

            assertThat(heard.poll(NOTICE, TimeUnit.MILLISECONDS)).isEqualTo(MemoryVersion.of(1));
            assertThatThrownBy(store::head).isInstanceOf(MemoryDatabaseException.class);
            assertThat(store.head()).contains(v1);
        }
    }
}
