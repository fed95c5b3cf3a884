package dev.monoscale.store.sqlite;

import static dev.monoscale.store.sqlite.StoreFixtures.rows;
import static dev.monoscale.testkit.MemoryFixtures.T0;
import static dev.monoscale.testkit.MemoryFixtures.accepted;
import static dev.monoscale.testkit.MemoryFixtures.avoid;
import static dev.monoscale.testkit.MemoryFixtures.ids;
import static dev.monoscale.testkit.MemoryFixtures.initial;
import static dev.monoscale.testkit.MemoryFixtures.prefer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryStoreContract;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.MemoryVersionConflictException;
import dev.monoscale.memory.RoutingMemory;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
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

    @Test
    void reopening_the_file_gives_back_the_same_history() {
        RoutingMemory v0 = initial("web-surfer");
        RoutingMemory v1 = v0.next(ids("web-surfer"), List.of(prefer("m1-prefer", "read the chart", "vision-analyst", 7, 8)),
                accepted("vision-analyst"), T0.plusSeconds(60));
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
    void each_version_is_one_row_with_its_number_parent_time_and_outcome_and_entries_show_in_a_view() throws SQLException {
        store.append(initial("a"));
        store.append(StoreFixtures.awkward());

        assertThat(rows(file, "SELECT number || ' ' || ifnull(parent, '-') || ' ' || created_at || ' ' || outcome FROM memory_version"))
                .containsExactly("0 - 2026-01-01T00:00:00Z INITIAL", "1 0 2026-01-01T00:00:00.123456789Z FALLBACK");
        assertThat(rows(file, "SELECT version || ' ' || id || ' ' || successes || '/' || trials FROM memory_entry"))
                .containsExactly("1 m1-constrain.2_b 2/3");
    }

    @Test
    void a_second_store_on_the_file_sees_an_append_as_soon_as_it_returns() {
        try (SqliteMemoryStore other = SqliteMemoryStore.open(file)) {
            RoutingMemory v0 = initial("a");

            store.append(v0);

            assertThat(other.head()).contains(v0);
        }
    }

    @Test
    void two_stores_on_one_file_cannot_both_append_a_successor_of_one_head() {
        RoutingMemory v0 = initial("a");
        store.append(v0);
        RoutingMemory mine = v0.next(ids("a"), List.of(avoid("mine", "p", "b", 3)), accepted("b"), T0);
        RoutingMemory theirs = v0.next(ids("a"), List.of(avoid("theirs", "q", "c", 3)), accepted("c"), T0);

        try (SqliteMemoryStore other = SqliteMemoryStore.open(file)) {
            other.append(theirs);

            assertThatThrownBy(() -> store.append(mine))
                    .isInstanceOf(MemoryVersionConflictException.class)
                    .hasMessage("memory head is v1 but v1 was built on v0; re-run the round against the new head");
        }
        assertThat(store.history()).containsExactly(v0, theirs);
    }

    @Test
    void a_store_appends_again_after_a_refused_append() {
        RoutingMemory v0 = initial("a");
        store.append(v0);
        assertThatThrownBy(() -> store.append(v0)).isInstanceOf(MemoryVersionConflictException.class);
        RoutingMemory v1 = v0.next(ids("a"), List.of(), accepted("b"), T0);

        store.append(v1);

        assertThat(store.history()).containsExactly(v0, v1);
    }

    @Test
    void of_rounds_racing_through_two_stores_on_one_file_exactly_one_lands() throws Exception {
        RoutingMemory v0 = initial("a");
        store.append(v0);
        AtomicInteger landed = new AtomicInteger();

        try (SqliteMemoryStore other = SqliteMemoryStore.open(file); var threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> rounds = new ArrayList<>();
            IntStream.range(0, 8).forEach(i -> rounds.add(threads.submit(() -> {
                try {
                    (i % 2 == 0 ? store : other).append(v0.next(ids("a"), List.of(avoid("r" + i, "pattern " + i, "b", 3)), accepted("b"), T0));
                    landed.incrementAndGet();
                } catch (MemoryVersionConflictException expected) {
                    // the other rounds lose
                }
            })));
            for (Future<?> round : rounds) {
                round.get();
            }
        }

        assertThat(landed).hasValue(1);
        assertThat(store.history()).hasSize(2);
    }

    @Test
    void a_closed_store_refuses_to_be_used() {
        store.close();

        assertThatThrownBy(() -> store.head())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the memory store '%s' is closed", file);
    }
}
