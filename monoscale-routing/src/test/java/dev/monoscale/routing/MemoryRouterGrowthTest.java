package dev.monoscale.routing;

import static dev.monoscale.routing.ThreeCards.INVOICES;
import static dev.monoscale.routing.ThreeCards.POOL;
import static dev.monoscale.routing.ThreeCards.TRANSLATOR;
import static dev.monoscale.routing.ThreeCards.WEATHER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.Policy;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.memory.Evidence;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.WorkerGuidance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A memory that grows by a round's entries keeps every worker its parent routed to: the KL from the parent (the
 * conservative lift) to any candidate stays finite, whatever the retrieval's top K lets through.
 */
class MemoryRouterGrowthTest {

    private static final String STEP = "Translate the freight contract into German";
    /** Top K of one: the tightest cut, so any better-matching entry pushes the parent's entry out of retrieval. */
    private static final MemoryRouterConfig TOP_ONE = new MemoryRouterConfig(1, 1024, 0.5, 3, 6, 0.2, 100);

    @Test
    void an_avoid_entry_that_outranks_a_prefer_entry_does_not_mask_the_preferred_worker() {
        MemoryEntry prefer = entry("p1", "translate contract", WorkerGuidance.prefer(TRANSLATOR));
        MemoryEntry avoid = entry("a1", "translate freight contract german", WorkerGuidance.avoid(WEATHER));

        Policy parent = policy(memory(prefer));
        Policy grown = policy(memory(prefer, avoid));

        assertThat(parent.probability(TRANSLATOR)).isPositive();
        assertThat(grown.probability(TRANSLATOR)).isPositive();
        assertThat(parent.klDivergence(grown)).isFinite();
    }

    @Test
    void adding_entries_never_takes_all_probability_from_a_worker_the_parent_used() {
        MemoryEntry prefer = entry("p1", "translate contract", WorkerGuidance.prefer(TRANSLATOR));
        List<MemoryEntry> added = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            added.add(entry(
                    "a" + i,
                    "translate freight contract german " + "x".repeat(i + 1),
                    i % 2 == 0 ? WorkerGuidance.avoid(TRANSLATOR) : WorkerGuidance.avoid(INVOICES)));
        }
        Policy parent = policy(memory(prefer));
        for (int n = 1; n <= added.size(); n++) {
            List<MemoryEntry> entries = new ArrayList<>(List.of(prefer));
            entries.addAll(added.subList(0, n));
            Policy grown = policy(memory(entries.toArray(MemoryEntry[]::new)));
            for (var worker : parent.workers()) {
                if (parent.probability(worker) > 0) {
                    assertThat(grown.probability(worker))
                            .as("%s after %d added entries", worker, n)
                            .isPositive();
                }
            }
            assertThat(parent.klDivergence(grown)).isFinite();
        }
    }

    @Test
    void a_preference_outside_the_top_k_never_wins_a_step_over_a_validated_worker() {
        MemoryEntry prefer = entry("p1", "translate contract", WorkerGuidance.prefer(TRANSLATOR));
        MemoryEntry avoid = entry("a1", "translate freight contract german", WorkerGuidance.avoid(WEATHER));

        var decision = MemoryRouter.of(POOL, memory(prefer, avoid), EmbeddedRouterConfig.defaults(), TOP_ONE)
                .decide(task(), task().subtasks().getFirst(), List.of());

        assertThat(decision.worker()).isNotEqualTo(TRANSLATOR);
        assertThat(decision.scores())
                .flatExtracting(score -> score.because())
                .contains("preferred by an entry outside the top K: usable, not favoured");
    }

    private static Policy policy(RoutingMemory memory) {
        return MemoryRouter.of(POOL, memory, EmbeddedRouterConfig.defaults(), TOP_ONE)
                .policy(task(), task().subtasks().getFirst(), List.of());
    }

    private static Task task() {
        return new Task(TaskId.of("q1"), STEP, List.of(new Subtask(0, STEP, List.of())));
    }

    private static RoutingMemory memory(MemoryEntry... entries) {
        RoutingMemory initial = RoutingMemory.initial(List.of(INVOICES, WEATHER), Instant.EPOCH);
        return initial.next(initial.validated(), List.of(entries), GateRecord.initial(), Instant.EPOCH);
    }

    private static MemoryEntry entry(String id, String pattern, WorkerGuidance guidance) {
        return new MemoryEntry(
                MemoryEntryId.of(id),
                pattern,
                "rule " + id,
                List.of(guidance),
                new Evidence(List.of("t-" + id + "#0", "t-" + id + "#1"), 1, 2),
                0.8);
    }
}
