package dev.monoscale.store.sqlite;

import static dev.monoscale.store.sqlite.StoreFixtures.rows;
import static dev.monoscale.testkit.MemoryFixtures.T0;
import static dev.monoscale.testkit.MemoryFixtures.accepted;
import static dev.monoscale.testkit.MemoryFixtures.ids;
import static dev.monoscale.testkit.MemoryFixtures.initial;
import static dev.monoscale.testkit.MemoryFixtures.prefer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryStoreContract;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.LegacyMemories;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMemoryStoreTest extends MemoryStoreContract {

    @TempDir
    Path directory;

    private Path file;

    @Override
    protected MemoryStore newStore() {
        file = directory.resolve("memory.db");
        return SqliteMemoryStore.open(file);
    }

    @Override
    protected MemoryStore sameMemory() {
        return SqliteMemoryStore.open(file);
    }

    @Test
    void a_database_written_before_the_one_json_form_reads_as_it_was_written_and_takes_appends_in_the_new_form()
            throws Exception {
        Path before = LegacyMemories.copy(LegacyMemories.DATABASE, directory.resolve("before.db"));
        List<RoutingMemory> history = LegacyMemories.history();
        RoutingMemory v3 =
                history.get(2).next(ids("web-surfer", "coder"), List.of(), accepted("coder"), T0.plusSeconds(600));

        try (SqliteMemoryStore old = SqliteMemoryStore.open(before)) {
            assertThat(old.history()).isEqualTo(history);
            old.append(v3);
            assertThat(old.history()).containsExactly(history.get(0), history.get(1), history.get(2), v3);
        }
        assertThat(rows(before, "SELECT json_extract(body, '$.version') FROM memory_version ORDER BY number"))
                .containsExactly("0", "1", "2", "v3");
    }

    @Test
    void reopening_the_file_gives_back_the_same_history() {
        RoutingMemory v0 = initial("web-surfer");
        RoutingMemory v1 = v0.next(
                ids("web-surfer"),
                List.of(prefer("m1-prefer", "read the chart", "vision-analyst", 7, 8)),
                accepted("vision-analyst"),
                T0.plusSeconds(60));
        store.append(v0);
        store.append(v1);

        store.close();

        try (SqliteMemoryStore reopened = SqliteMemoryStore.open(file)) {
            assertThat(reopened.history()).containsExactly(v0, v1);
            assertThat(reopened.head()).contains(v1);
        }
    }

    @Test
    void a_version_with_awkward_text_doubles_and_instants_reads_back_equal_after_reopening() {
        RoutingMemory awkward = StoreFixtures.awkward();
        store.append(initial("web-surfer"));
        store.append(awkward);

        store.close();

        try (SqliteMemoryStore reopened = SqliteMemoryStore.open(file)) {
            assertThat(reopened.find(MemoryVersion.of(1))).contains(awkward);
        }
    }

    @Test
    void the_file_uses_a_write_ahead_log_and_records_schema_v1() throws SQLException {
        assertThat(rows(file, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(rows(file, "PRAGMA application_id")).containsExactly(String.valueOf(0x4D4F4E4F));
        assertThat(rows(file, "SELECT version || ' ' || description || ' ' || length(checksum) FROM schema_history"))
                .containsExactly("1 memory 64");
    }

    @Test
    void each_version_is_one_row_with_its_number_parent_time_and_outcome_and_entries_show_in_a_view()
            throws SQLException {
        store.append(initial("a"));
        store.append(StoreFixtures.awkward());

        assertThat(
                        rows(
                                file,
                                "SELECT number || ' ' || ifnull(parent, '-') || ' ' || created_at || ' ' || outcome FROM memory_version"))
                .containsExactly("0 - 2026-01-01T00:00:00Z INITIAL", "1 0 2026-01-01T00:00:00.123456789Z FALLBACK");
        assertThat(rows(file, "SELECT version || ' ' || id || ' ' || successes || '/' || trials FROM memory_entry"))
                .containsExactly("1 m1-constrain.2_b 2/3");
    }

    @Test
    void a_closed_store_refuses_to_be_used() {
        store.close();

        assertThatThrownBy(() -> store.head())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the memory store '%s' is closed", file);
    }
}
