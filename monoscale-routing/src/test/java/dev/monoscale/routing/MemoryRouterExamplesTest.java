package dev.monoscale.routing;

import static dev.monoscale.routing.ThreeCards.INVOICES;
import static dev.monoscale.routing.ThreeCards.POOL;
import static dev.monoscale.routing.ThreeCards.TRANSLATOR;
import static dev.monoscale.routing.ThreeCards.WEATHER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.StepDecision;
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
 * Example entries: one warm-up task's outcomes, applied to the steps near it. The pool is the invoice reader and
 * the weather agent (validated) and the translator (new, masked).
 */
class MemoryRouterExamplesTest {

    /** Ten words; the step below contains three of them (coverage 0.3): enough for an example, not for a pattern. */
    private static final String WORDS = "invoice freight discount supplier march vat currency pallet carrier customs";

    private static final String STEP = "Which freight discount applies to this invoice?";

    @Test
    void an_example_applies_to_a_step_that_shares_too_few_of_its_words_for_a_pattern_entry() {
        MemoryEntry example = example("e1", List.of(WEATHER), List.of(INVOICES));
        MemoryEntry pattern = new MemoryEntry(
                MemoryEntryId.of("p1"),
                WORDS,
                "send these to the weather agent",
                List.of(WorkerGuidance.prefer(WEATHER), WorkerGuidance.avoid(INVOICES)),
                evidence("t1"),
                0.2);

        StepDecision none = decide(memory());
        StepDecision withPattern = decide(memory(pattern));
        StepDecision withExample = decide(memory(example));

        assertThat(withPattern.policy().asMap()).isEqualTo(none.policy().asMap());
        assertThat(withExample.policy().probability(WEATHER))
                .isGreaterThan(none.policy().probability(WEATHER));
        assertThat(withExample.policy().probability(INVOICES))
                .isLessThan(none.policy().probability(INVOICES));
        assertThat(because(withExample, WEATHER)).anyMatch(line -> line.startsWith("entry e1 prefers it"));
        assertThat(because(withExample, INVOICES)).anyMatch(line -> line.startsWith("entry e1 avoids it"));
    }

    @Test
    void an_example_reorders_usable_workers_but_never_unmasks_a_new_one() {
        MemoryEntry example = example("e1", List.of(TRANSLATOR), List.of(INVOICES, WEATHER));

        StepDecision decision = decide(memory(example));

        assertThat(decision.policy().probability(TRANSLATOR)).isZero();
        assertThat(decision.worker()).isNotEqualTo(TRANSLATOR);
    }

    @Test
    void under_a_default_route_only_the_examples_that_compared_its_worker_apply() {
        MemoryEntry route = new MemoryEntry(
                MemoryEntryId.of("any"),
                MemoryEntry.ANY_TASK,
                "by default send any task to weather",
                List.of(WorkerGuidance.prefer(WEATHER)),
                evidence("t7", "t8", "t9"),
                0.6);
        MemoryEntry withoutIt = example("e1", List.of(INVOICES), List.of(TRANSLATOR));
        MemoryEntry withIt = example("e2", List.of(INVOICES), List.of(WEATHER));

        StepDecision decision = decide(memory(route, withoutIt, withIt));

        assertThat(decision.scores())
                .flatExtracting(score -> score.because())
                .anyMatch(line -> line.startsWith("entry e2 "))
                .noneMatch(line -> line.startsWith("entry e1 "));
    }

    @Test
    void deciding_without_an_entry_is_deciding_with_a_memory_that_lacks_it() {
        MemoryEntry kept = example("e1", List.of(WEATHER), List.of(INVOICES));
        MemoryEntry left = example("e2", List.of(INVOICES), List.of(WEATHER));
        MemoryRouter router = MemoryRouter.of(
                POOL, memory(kept, left), EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());

        var without = router.policyWithout(
                task(),
                task().subtasks().getFirst(),
                List.of(),
                entry -> entry.id().equals(left.id()));

        assertThat(without.asMap()).isEqualTo(decide(memory(kept)).policy().asMap());
        assertThat(without.asMap())
                .isNotEqualTo(decide(memory(kept, left)).policy().asMap());
    }

    @Test
    void the_example_prefix_is_not_a_word_a_step_can_share() {
        // with "like" counted, this step would cover 1 of the example's 5 words, a fifth: enough to apply
        MemoryEntry example = example("e1", "invoice freight discount supplier", List.of(WEATHER), List.of(INVOICES));
        String step = "I would like a weather forecast";
        MemoryRouter router =
                MemoryRouter.of(POOL, memory(example), EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());

        StepDecision decision = router.decide(task(step), task(step).subtasks().getFirst(), List.of());

        assertThat(decision.scores())
                .flatExtracting(score -> score.because())
                .noneMatch(line -> line.startsWith("entry e1 "));
    }

    @Test
    void the_retrieval_other_routers_read_holds_pattern_entries_and_no_examples() {
        MemoryEntry example = example("e1", List.of(TRANSLATOR), List.of(INVOICES));
        MemoryEntry pattern = new MemoryEntry(
                MemoryEntryId.of("p1"),
                "freight discount invoice",
                "send freight discounts to the translator",
                List.of(WorkerGuidance.prefer(TRANSLATOR)),
                evidence("t1", "t2"),
                0.5);

        List<MemoryRetrieval.Retrieved> retrieved = MemoryRetrieval.of(
                        memory(example, pattern), MemoryRouterConfig.defaults())
                .retrieve(STEP);

        assertThat(retrieved).extracting(r -> r.entry().id().value()).containsExactly("p1");
    }

    private static StepDecision decide(RoutingMemory memory) {
        MemoryRouter router =
                MemoryRouter.of(POOL, memory, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
        return router.decide(task(), task().subtasks().getFirst(), List.of());
    }

    private static Task task() {
        return task(STEP);
    }

    private static Task task(String text) {
        return new Task(TaskId.of("q1"), text, List.of(new Subtask(0, text, List.of())));
    }

    private static RoutingMemory memory(MemoryEntry... entries) {
        RoutingMemory initial = RoutingMemory.initial(List.of(INVOICES, WEATHER), Instant.EPOCH);
        return initial.next(initial.validated(), List.of(entries), GateRecord.initial(), Instant.EPOCH);
    }

    private static MemoryEntry example(String id, List<AgentId> passed, List<AgentId> failed) {
        return example(id, WORDS, passed, failed);
    }

    private static MemoryEntry example(String id, String words, List<AgentId> passed, List<AgentId> failed) {
        List<WorkerGuidance> guidance =
                new ArrayList<>(passed.stream().map(WorkerGuidance::prefer).toList());
        failed.forEach(worker -> guidance.add(WorkerGuidance.avoid(worker)));
        return new MemoryEntry(
                MemoryEntryId.of(id),
                MemoryEntry.EXAMPLE + words,
                "for steps like this: " + passed + " passed, " + failed + " did not",
                guidance,
                evidence("t-" + id),
                0.2);
    }

    private static Evidence evidence(String... tasks) {
        return new Evidence(List.of(tasks).stream().map(task -> task + "#0").toList(), 1, tasks.length);
    }

    private static List<String> because(StepDecision decision, AgentId worker) {
        return decision.scores().stream()
                .filter(score -> score.worker().equals(worker))
                .findFirst()
                .orElseThrow()
                .because();
    }
}
