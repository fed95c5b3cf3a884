package dev.monoscale.memory;

import static dev.monoscale.testkit.MemoryFixtures.T0;
import static dev.monoscale.testkit.MemoryFixtures.accepted;
import static dev.monoscale.testkit.MemoryFixtures.avoid;
import static dev.monoscale.testkit.MemoryFixtures.ids;
import static dev.monoscale.testkit.MemoryFixtures.initial;
import static dev.monoscale.testkit.MemoryFixtures.prefer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.testkit.MemoryFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MemoryStore} guarantees. Each implementation's test extends this class and says how to
 * make a fresh, empty store, and how to open a second store on the same memory (as another process would).
 *
 * <p>Waiting for a listener is bounded by {@link #NOTICE}, a deadline against a hang and not a measure of speed:
 * the tests pass as soon as the notice comes.
 */
public abstract class MemoryStoreContract {

    /** How long a test waits for a listener before it fails. */
    protected static final long NOTICE = TimeUnit.SECONDS.toMillis(60);

    protected MemoryStore store;

    private final List<MemoryStore> others = new ArrayList<>();

    protected abstract MemoryStore newStore() throws Exception;

    /**
     * A second store on the memory of the last {@link #newStore()}, as another process would open it. The default
     * suits a store whose memory only its instance can share: another handle on the same instance.
     */
    protected MemoryStore sameMemory() throws Exception {
        MemoryStore shared = store;
        return new MemoryStore() {
            @Override
            public Optional<RoutingMemory> head() {
                return shared.head();
            }

            @Override
            public Optional<RoutingMemory> find(MemoryVersion version) {
                return shared.find(version);
            }

            @Override
            public List<RoutingMemory> history() {
                return shared.history();
            }

            @Override
            public void append(RoutingMemory next) {
                shared.append(next);
            }

            @Override
            public Subscription onNewHead(Consumer<MemoryVersion> listener) {
                return shared.onNewHead(listener);
            }
        };
    }

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        others.forEach(MemoryStore::close);
        store.close();
    }

    private MemoryStore other() throws Exception {
        MemoryStore other = sameMemory();
        others.add(other);
        return other;
    }

    @Test
    void a_new_store_has_no_head() {
        assertThat(store.head()).isEmpty();
        assertThat(store.history()).isEmpty();
    }

    @Test
    void the_head_is_the_last_appended_version_and_reads_back_equal() {
        RoutingMemory v0 = initial("web-surfer", "coder");
        RoutingMemory v1 = v0.next(
                ids("web-surfer", "coder"),
                List.of(
                        avoid("m1-avoid", "calculate the average", "quick-math", 6),
                        prefer("m1-prefer", "read the chart image", "vision-analyst", 7, 8)),
                accepted("quick-math", "vision-analyst"),
                T0.plusSeconds(60));

        store.append(v0);
        store.append(v1);

        assertThat(store.head()).contains(v1);
        assertThat(store.find(MemoryVersion.of(0))).contains(v0);
        assertThat(store.history()).containsExactly(v0, v1);
        assertThat(store.find(MemoryVersion.of(2))).isEmpty();
    }

    @Test
    void a_version_with_awkward_text_doubles_and_instants_reads_back_equal_through_another_store() throws Exception {
        RoutingMemory awkward = MemoryFixtures.awkward();
        store.append(initial("web-surfer"));
        store.append(awkward);

        assertThat(other().find(MemoryVersion.of(1))).contains(awkward);
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
    void a_store_appends_again_after_a_refused_append() {
        RoutingMemory v0 = initial("a");
        store.append(v0);
        assertThatThrownBy(() -> store.append(v0)).isInstanceOf(MemoryVersionConflictException.class);
        RoutingMemory v1 = v0.next(ids("a"), List.of(), accepted("b"), T0);

        store.append(v1);

        assertThat(store.history()).containsExactly(v0, v1);
    }

    @Test
    void a_rollback_is_a_new_version_that_restores_an_earlier_one_and_keeps_the_history() {
        RoutingMemory v0 = initial("a");
        RoutingMemory v1 = v0.next(ids("a", "b"), List.of(avoid("m1", "p", "b", 3)), accepted("b"), T0);
        store.append(v0);
        store.append(v1);

        RoutingMemory v2 = v1.next(v0.validated(), v0.entries(), GateRecord.rollback(v0.version()), T0.plusSeconds(1));
        store.append(v2);

        assertThat(store.history()).containsExactly(v0, v1, v2);
        assertThat(store.head().orElseThrow().entries()).isEqualTo(v0.entries());
        assertThat(store.head().orElseThrow().parent()).isEqualTo(v1.version());
    }

    @Test
    void of_two_rounds_started_from_one_head_exactly_one_lands() throws Exception {
        RoutingMemory v0 = initial("a");
        store.append(v0);

        assertThat(race(v0, store, store)).hasValue(1);
        assertThat(store.history()).hasSize(2);
    }

    @Test
    void a_second_store_on_the_same_memory_sees_an_append_as_soon_as_it_returns() throws Exception {
        MemoryStore other = other();
        RoutingMemory v0 = initial("a");

        store.append(v0);

        assertThat(other.head()).contains(v0);
    }

    @Test
    void two_stores_on_one_memory_cannot_both_append_a_successor_of_one_head() throws Exception {
        RoutingMemory v0 = initial("a");
        store.append(v0);
        RoutingMemory mine = v0.next(ids("a"), List.of(avoid("mine", "p", "b", 3)), accepted("b"), T0);
        RoutingMemory theirs = v0.next(ids("a"), List.of(avoid("theirs", "q", "c", 3)), accepted("c"), T0);

        other().append(theirs);

        assertThatThrownBy(() -> store.append(mine))
                .isInstanceOf(MemoryVersionConflictException.class)
                .hasMessage("memory head is v1 but v1 was built on v0; re-run the round against the new head");
        assertThat(store.history()).containsExactly(v0, theirs);
    }

    @Test
    void of_rounds_racing_through_two_stores_on_one_memory_exactly_one_lands() throws Exception {
        RoutingMemory v0 = initial("a");
        store.append(v0);

        assertThat(race(v0, store, other())).hasValue(1);
        assertThat(store.history()).hasSize(2);
    }

    @Test
    void a_listener_hears_of_each_append_with_the_new_head() throws Exception {
        BlockingQueue<MemoryVersion> heard = new LinkedBlockingQueue<>();
        RoutingMemory v0 = initial("a");
        try (MemoryStore.Subscription subscription = store.onNewHead(heard::add)) {
            store.append(v0);
            assertThat(heard.poll(NOTICE, TimeUnit.MILLISECONDS)).isEqualTo(MemoryVersion.of(0));

            store.append(v0.next(ids("a"), List.of(), accepted("b"), T0));
            assertThat(heard.poll(NOTICE, TimeUnit.MILLISECONDS)).isEqualTo(MemoryVersion.of(1));
        }
    }

    @Test
    void a_listener_on_another_store_of_the_memory_hears_of_an_append_made_through_this_one() throws Exception {
        BlockingQueue<MemoryVersion> heard = new LinkedBlockingQueue<>();
        MemoryStore other = other();
        RoutingMemory v0 = initial("a");
        store.append(v0);
        try (MemoryStore.Subscription subscription = other.onNewHead(heard::add)) {
            RoutingMemory v1 = v0.next(ids("a"), List.of(avoid("m1", "p", "b", 3)), accepted("b"), T0);

            store.append(v1);

            assertThat(heard.poll(NOTICE, TimeUnit.MILLISECONDS)).isEqualTo(MemoryVersion.of(1));
            assertThat(other.head()).contains(v1);
        }
    }

    @Test
    void a_closed_subscription_hears_nothing_more_while_a_later_one_hears_the_append() throws Exception {
        BlockingQueue<MemoryVersion> first = new LinkedBlockingQueue<>();
        BlockingQueue<MemoryVersion> later = new LinkedBlockingQueue<>();
        MemoryStore.Subscription closed = store.onNewHead(first::add);
        try (MemoryStore.Subscription open = store.onNewHead(later::add)) {
            closed.close();
            closed.close();

            store.append(initial("a"));

            // listeners are called in the order they subscribed: the closed one would have heard first
            assertThat(later.poll(NOTICE, TimeUnit.MILLISECONDS)).isEqualTo(MemoryVersion.of(0));
            assertThat(first).isEmpty();
        }
    }

    @Test
    void a_listener_that_throws_fails_no_append_and_keeps_hearing() throws Exception {
        BlockingQueue<MemoryVersion> heard = new LinkedBlockingQueue<>();
        RoutingMemory v0 = initial("a");
        try (MemoryStore.Subscription subscription = store.onNewHead(version -> {
            heard.add(version);
            throw new IllegalStateException("a listener's own bug");
        })) {
            store.append(v0);
            assertThat(heard.poll(NOTICE, TimeUnit.MILLISECONDS)).isEqualTo(MemoryVersion.of(0));

            store.append(v0.next(ids("a"), List.of(), accepted("b"), T0));
            assertThat(heard.poll(NOTICE, TimeUnit.MILLISECONDS)).isEqualTo(MemoryVersion.of(1));
        }
        assertThat(store.history()).hasSize(2);
    }

    /** Eight rounds built on {@code head} append through {@code a} and {@code b} in turn; returns how many landed. */
    private static AtomicInteger race(RoutingMemory head, MemoryStore a, MemoryStore b) throws Exception {
        AtomicInteger landed = new AtomicInteger();
        try (var threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> rounds = IntStream.range(0, 8)
                    .<Future<?>>mapToObj(i -> threads.submit(() -> {
                        try {
                            (i % 2 == 0 ? a : b)
                                    .append(head.next(
                                            ids("a"),
                                            List.of(avoid("r" + i, "pattern " + i, "b", 3)),
                                            accepted("b"),
                                            T0));
                            landed.incrementAndGet();
                        } catch (MemoryVersionConflictException expected) {
                            // the other rounds lose
                        }
                    }))
                    .toList();
            for (Future<?> round : rounds) {
                round.get();
            }
        }
        return landed;
    }
}
