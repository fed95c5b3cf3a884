package dev.monoscale.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Pool;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What counts as onboarded (the head's lineage, not the log), and what onboarding needs before it can route. */
class OnboardingTest {

    private static final AgentId A = AgentId.of("a");
    private static final AgentId B = AgentId.of("b");
    private static final AgentId C = AgentId.of("c");
    private static final AgentId D = AgentId.of("d");

    private final InMemoryMemoryStore store = new InMemoryMemoryStore();

    @Test
    void an_empty_store_has_onboarded_nobody() {
        assertThat(Onboarding.onboarded(store)).isEmpty();
    }

    @Test
    void the_starting_pool_and_every_round_on_the_way_to_the_head_are_onboarded() {
        store.append(RoutingMemory.initial(List.of(A, B), Instant.EPOCH));
        round(C);
        round(D);

        assertThat(Onboarding.onboarded(store)).containsExactly(A, B, C, D);
    }

    @Test
    void after_a_rollback_the_rounds_it_undid_no_longer_count() {
        store.append(RoutingMemory.initial(List.of(A, B), Instant.EPOCH));
        round(C);
        round(D);
        rollbackTo(MemoryVersion.of(0));

        assertThat(Onboarding.onboarded(store)).containsExactly(A, B);
    }

    @Test
    void a_round_after_a_rollback_counts_with_the_version_the_rollback_restored() {
        store.append(RoutingMemory.initial(List.of(A, B), Instant.EPOCH));
        round(C);
        round(D);
        rollbackTo(MemoryVersion.of(1));
        round(D);

        assertThat(Onboarding.onboarded(store)).containsExactly(A, B, C, D);
    }

    @Test
    void routing_before_the_store_has_a_version_is_refused_with_what_to_call_first() {
        Onboarding onboarding = Onboarding.ofWorkers(
                id -> {
                    throw new AssertionError("no worker is called");
                },
                (pool, memory) -> {
                    throw new AssertionError("no router is made");
                },
                store);

        assertThatThrownBy(() -> onboarding.router(Pool.of(List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the memory store is empty; call start(initialPool) first");
    }

    @Test
    void starting_gives_an_empty_store_version_zero_over_the_starting_pool_once() {
        Onboarding onboarding = Onboarding.ofWorkers(
                id -> {
                    throw new AssertionError("no worker is called");
                },
                (pool, memory) -> {
                    throw new AssertionError("no router is made");
                },
                store);

        assertThat(onboarding.start(List.of(A, B)).created()).isTrue();
        assertThat(onboarding.start(List.of(A, B, C)).created()).isFalse();
        assertThat(store.history())
                .singleElement()
                .satisfies(v0 -> assertThat(v0.validated()).containsExactly(A, B));
    }

    private void round(AgentId joined) {
        RoutingMemory head = store.head().orElseThrow();
        store.append(head.next(
                head.validated(),
                head.entries(),
                new GateRecord(
                        GateRecord.Outcome.FALLBACK,
                        "kept the lift",
                        List.of(joined),
                        2.5,
                        0.05,
                        10,
                        List.of(),
                        Optional.empty()),
                Instant.EPOCH));
    }

    private void rollbackTo(MemoryVersion version) {
        RoutingMemory head = store.head().orElseThrow();
        RoutingMemory target = store.find(version).orElseThrow();
        store.append(head.next(target.validated(), target.entries(), GateRecord.rollback(version), Instant.EPOCH));
    }
}
