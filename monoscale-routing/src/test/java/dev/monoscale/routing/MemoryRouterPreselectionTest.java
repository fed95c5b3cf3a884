package dev.monoscale.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Policy;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * In a pool of more validated workers than {@link MemoryRouterConfig#preselect()}, a step is decided among the
 * workers whose cards match it best and the workers memory names for it; a smaller pool is scored exhaustively.
 */
class MemoryRouterPreselectionTest {

    private static final List<List<String>> TOPICS = List.of(
            List.of("invoice", "billing", "payment", "receipt", "vendor"),
            List.of("weather", "forecast", "rain", "temperature", "wind"),
            List.of("translate", "language", "french", "sentence", "wording"),
            List.of("spreadsheet", "column", "rows", "cells", "filter"),
            List.of("flight", "ticket", "airport", "booking", "itinerary"),
            List.of("contract", "clause", "legal", "liability", "court"));
    private static final List<String> STEPS = List.of(
            "Check the invoice payment for the vendor",
            "Will there be rain and wind tomorrow",
            "Translate this sentence into french",
            "Filter the spreadsheet rows by column",
            "Book a flight ticket from the airport",
            "Read the liability clause of the contract",
            "Summarise the meeting notes");
    private static final AgentId NEWCOMER = AgentId.of("newcomer");
    private static final Pool POOL = pool(36);
    private static final Pool GROWN = POOL.plus(List.of(ThreeCards.card(
            NEWCOMER,
            "Newcomer",
            "Rain forecasts",
            new Skill("rain", "Rain", "Rain forecasts", List.of("rain"), List.of("Will it rain?")))));
    private static final int K = 4;
    private static final MemoryRouterConfig PRESELECT =
            MemoryRouterConfig.defaults().withPreselect(K);
    private static final MemoryRouterConfig EXHAUSTIVE =
            MemoryRouterConfig.defaults().withPreselect(100_000);

    @Test
    void a_worker_outside_the_preselection_gets_no_probability_and_is_never_chosen() {
        CardIndex cards = CardIndex.of(POOL);
        MemoryRouter router = MemoryRouter.of(POOL, memory(POOL), EmbeddedRouterConfig.defaults(), PRESELECT);

        for (String text : STEPS) {
            Set<AgentId> top =
                    cards.top(text, K).stream().map(CardIndex.CardMatch::worker).collect(Collectors.toSet());
            StepDecision decision =
                    router.decide(task(text), task(text).subtasks().getFirst(), List.of());

            assertThat(top).as(text).hasSize(K).contains(decision.worker());
            for (AgentId worker : POOL.ids()) {
                if (!top.contains(worker)) {
                    assertThat(decision.policy().probability(worker))
                            .as("%s at '%s'", worker, text)
                            .isZero();
                }
            }
            assertThat(decision.scores()).extracting(score -> score.worker()).containsExactlyInAnyOrderElementsOf(top);
        }
    }

    @Test
    void without_memory_the_preselection_chooses_what_exhaustive_scoring_chooses_with_the_same_relative_odds() {
        MemoryRouter preselecting = MemoryRouter.of(POOL, memory(POOL), EmbeddedRouterConfig.defaults(), PRESELECT);
        MemoryRouter exhaustive = MemoryRouter.of(POOL, memory(POOL), EmbeddedRouterConfig.defaults(), EXHAUSTIVE);

        for (String text : STEPS) {
            Subtask step = task(text).subtasks().getFirst();
            Policy narrow = preselecting.policy(task(text), step, List.of());
            Policy full = exhaustive.policy(task(text), step, List.of());

            assertThat(narrow.argmax()).as(text).isEqualTo(full.argmax());
            double kept = narrow.workers().stream()
                    .filter(w -> narrow.probability(w) > 0)
                    .mapToDouble(full::probability)
                    .sum();
            for (AgentId worker : narrow.workers()) {
                if (narrow.probability(worker) > 0) {
                    assertThat(narrow.probability(worker))
                            .as("%s at '%s'", worker, text)
                            .isCloseTo(full.probability(worker) / kept, org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    @Test
    void a_pool_no_larger_than_the_preselection_is_scored_exhaustively_as_before() {
        MemoryRouterConfig asLarge = MemoryRouterConfig.defaults().withPreselect(POOL.size());
        MemoryRouter small = MemoryRouter.of(POOL, memory(POOL), EmbeddedRouterConfig.defaults(), asLarge);
        MemoryRouter exhaustive = MemoryRouter.of(POOL, memory(POOL), EmbeddedRouterConfig.defaults(), EXHAUSTIVE);

        for (String text : STEPS) {
            Subtask step = task(text).subtasks().getFirst();
            StepDecision a = small.decide(task(text), step, List.of());
            StepDecision b = exhaustive.decide(task(text), step, List.of());

            assertThat(a.policy()).isEqualTo(b.policy());
            assertThat(a.scores()).hasSize(POOL.size()).isEqualTo(b.scores());
        }
    }

    @Test
    void a_worker_memory_prefers_is_decided_among_the_preselection_and_can_win_the_step() {
        String text = "Will there be rain and wind tomorrow";
        MemoryEntry prefer = entry("p1", "rain wind tomorrow", WorkerGuidance.prefer(NEWCOMER));
        MemoryRouter router = MemoryRouter.of(GROWN, memory(POOL, prefer), EmbeddedRouterConfig.defaults(), PRESELECT);

        StepDecision decision = router.decide(task(text), task(text).subtasks().getFirst(), List.of());

        assertThat(decision.worker()).isEqualTo(NEWCOMER);
        assertThat(decision.scores()).hasSize(K + 1);
    }

    @Test
    void a_memory_that_grows_keeps_every_worker_its_parent_used_under_preselection() {
        String text = "Will there be rain and wind tomorrow";
        MemoryEntry prefer = entry("p1", "rain wind tomorrow", WorkerGuidance.prefer(NEWCOMER));
        List<MemoryEntry> avoids = new ArrayList<>();
        for (AgentId worker : CardIndex.of(POOL).top(text, K).stream()
                .map(CardIndex.CardMatch::worker)
                .toList()) {
            avoids.add(entry("a-" + worker.value(), "rain wind tomorrow", WorkerGuidance.avoid(worker)));
        }
        Subtask step = task(text).subtasks().getFirst();
        Policy parent = MemoryRouter.of(GROWN, memory(POOL), EmbeddedRouterConfig.defaults(), PRESELECT)
                .policy(task(text), step, List.of());
        List<MemoryEntry> grown = new ArrayList<>(List.of(prefer));
        grown.addAll(avoids);
        Policy child = MemoryRouter.of(
                        GROWN,
                        memory(POOL, grown.toArray(MemoryEntry[]::new)),
                        EmbeddedRouterConfig.defaults(),
                        PRESELECT)
                .policy(task(text), step, List.of());

        assertThat(parent.klDivergence(child)).isFinite();
        assertThat(child.argmax()).isEqualTo(NEWCOMER);
    }

    /** Six topics, each worker a specialist in one, with from one to five of its words: scores differ, ties exist. */
    private static Pool pool(int size) {
        List<AgentCard> cards = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            List<String> words = TOPICS.get(i % TOPICS.size()).subList(0, 1 + (i / TOPICS.size()) % 5);
            String joined = String.join(" ", words);
            cards.add(ThreeCards.card(
                    AgentId.of("worker-%02d".formatted(i)),
                    "Agent " + i,
                    "Specialist: " + joined,
                    new Skill("s" + i, words.getFirst(), "Handles " + joined, words, List.of("Please " + joined))));
        }
        return Pool.of(cards);
    }

    private static Task task(String text) {
        return new Task(TaskId.of("t"), text, List.of(new Subtask(0, text, List.of())));
    }

    private static RoutingMemory memory(Pool validated, MemoryEntry... entries) {
        RoutingMemory initial = RoutingMemory.initial(validated.ids(), Instant.EPOCH);
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
