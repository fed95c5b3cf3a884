package dev.monoscale.memory;

import static dev.monoscale.testkit.MemoryFixtures.T0;
import static dev.monoscale.testkit.MemoryFixtures.accepted;
import static dev.monoscale.testkit.MemoryFixtures.avoid;
import static dev.monoscale.testkit.MemoryFixtures.ids;
import static dev.monoscale.testkit.MemoryFixtures.initial;
import static dev.monoscale.testkit.MemoryFixtures.prefer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MemoryStore} guarantees. Each implementation's test extends this class and says how to
 * make a fresh, empty store.
 */
public abstract class MemoryStoreContract {

    protected MemoryStore store;

    protected abstract MemoryStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_new_store_has_no_head() {
        assertThat(store.head()).isEmpty();
        assertThat(store.history()).isEmpty();
    }

    @Test
    void the_head_is_the_last_appended_version_and_reads_back_equal() {
        RoutingMemory v0 = initial("web-surfer", "coder");
        RoutingMemory v1 = v0.next(ids("web-surfer", "coder"),
                List.of(avoid("m1-avoid", "calculate the average", "quick-math", 6), prefer("m1-prefer", "read the chart image", "vision-analyst", 7, 8)),
                accepted("quick-math", "vision-analyst"), T0.plusSeconds(60));

        store.append(v0);
        store.append(v1);

        assertThat(store.head()).contains(v1);
        assertThat(store.find(MemoryVersion.of(0))).contains(v0);
        assertThat(store.history()).containsExactly(v0, v1);
        assertThat(store.find(MemoryVersion.of(2))).isEmpty();
    }

    @Test
    void an_append_not_built_on_the_head_is_refused_and_changes_nothing() {
        RoutingMemory v0 = initial("a");
        store.append(v0);
        RoutingMemory v1 = v0.next(ids("a"), List.of(), accepted("b"), T0);
        store.append(v1);

        RoutingMemory stale = v0.next(ids("a"), List.of(avoid("x", "p", "b", 3)), accepted("b"), T0);

        assertThatThrownBy(() -> store.append(stale))
                .isInstanceOf(MemoryVersionConflictException.class)
                .hasMessage("memory head is v1 but v1 was built on v0; re-run the round against the new head");
        assertThat(store.history()).containsExactly(v0, v1);
    }

    @Test
    void the_first_version_must_be_version_zero_without_a_parent() {
        RoutingMemory v1 = initial("a").next(ids("a"), List.of(), accepted("b"), T0);

        assertThatThrownBy(() -> store.append(v1)).isInstanceOf(MemoryVersionConflictException.class);
        assertThat(store.head()).isEmpty();
    }

    @Test
    void of_two_rounds_started_from_one_head_exactly_one_lands() throws Exception {
        RoutingMemory v0 = initial("a");
        store.append(v0);
        AtomicInteger landed = new AtomicInteger();
        try (var threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> rounds = java.util.stream.IntStream.range(0, 8).<Future<?>>mapToObj(i -> threads.submit(() -> {
                try {
                    store.append(v0.next(ids("a"), List.of(avoid("r" + i, "pattern " + i, "b", 3)), accepted("b"), T0));
                    landed.incrementAndGet();
                } catch (MemoryVersionConflictException expected) {
                    // the other rounds lose
                }
            })).toList();
            for (Future<?> round : rounds) {
                round.get();
            }
        }

        assertThat(landed).hasValue(1);
        assertThat(store.history()).hasSize(2);
    }
}
