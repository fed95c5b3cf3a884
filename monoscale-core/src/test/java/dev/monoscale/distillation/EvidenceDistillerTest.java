package dev.monoscale.distillation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Verdict;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.Stance;
import dev.monoscale.memory.WorkerGuidance;
import dev.monoscale.synthesis.Intent;
import dev.monoscale.synthesis.IntentKind;
import dev.monoscale.synthesis.WarmupTask;
import dev.monoscale.testkit.FixedRouter;
import dev.monoscale.text.Words;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a generalist round adds beyond pattern entries: the default route (when a worker may take every task, and
 * when it may not) and the examples. The runs are real: scripted workers answer under the paired warm-up
 * behaviour, one task pattern per task.
 */
class EvidenceDistillerTest {

    private static final AgentId INCUMBENT = AgentId.of("incumbent");
    private static final AgentId NEW = AgentId.of("new");
    private static final int TASKS = 40;

    private final Checker checker = (task, answer) ->
            answer.filter("right"::equals).isPresent() ? Verdict.pass("right") : Verdict.fail("wrong");

    @Test
    void a_newcomer_clearly_better_than_the_incumbent_on_the_same_tasks_becomes_the_default_route() {
        // the incumbent gets the even tasks right, the newcomer those and every task from 30 on as well
        BiPredicate<AgentId, Integer> right = (worker, t) -> t % 2 == 0 || (worker.equals(NEW) && t >= 30);

        List<CandidateMemory> candidates = distill(List.of(INCUMBENT, NEW), 2, right, true);

        for (String level : List.of("strict", "moderate", "lenient")) {
            MemoryEntry route = defaultRoute(candidates, level)
                    .orElseThrow(() -> new AssertionError("no default route at " + level));
            assertThat(route.guidance()).containsExactly(WorkerGuidance.prefer(NEW));
            assertThat(route.rule())
                    .contains("send any task to new")
                    .contains("on 40 task patterns where both ran")
                    .contains("passed 25 of 40")
                    .contains("against 20 of 40");
        }
    }

    @Test
    void a_small_advantage_gives_a_lenient_default_route_but_not_a_strict_one() {
        // the newcomer is right on two more tasks than the incumbent and wrong on one it got right
        BiPredicate<AgentId, Integer> right =
                (worker, t) -> worker.equals(NEW) ? (t % 2 == 0 && t != 20) || t == 21 || t == 23 : t % 2 == 0;

        List<CandidateMemory> candidates = distill(List.of(INCUMBENT, NEW), 2, right, true);

        assertThat(defaultRoute(candidates, "strict")).isEmpty();
        assertThat(defaultRoute(candidates, "lenient"))
                .hasValueSatisfying(route -> assertThat(route.guidance()).containsExactly(WorkerGuidance.prefer(NEW)));
    }

    @Test
    void a_worker_the_round_tried_on_few_tasks_never_becomes_the_default_route_however_well_it_did() {
        // five old workers share one shuffled sample per task, so each sees about a fifth of the tasks;
        // "lucky" is right on every task it sees, where the incumbent and the newcomer are right on half
        AgentId lucky = AgentId.of("lucky");
        List<AgentId> pool =
                List.of(INCUMBENT, NEW, lucky, AgentId.of("o1"), AgentId.of("o2"), AgentId.of("o3"), AgentId.of("o4"));
        BiPredicate<AgentId, Integer> right = (worker, t) -> worker.equals(lucky) || t % 2 == 0;

        List<CandidateMemory> candidates = distill(pool, 3, right, true);

        for (String level : List.of("strict", "moderate", "lenient")) {
            assertThat(defaultRoute(candidates, level)).as(level).isEmpty();
        }
    }

    @Test
    void a_pool_of_specialists_gets_no_default_route() {
        BiPredicate<AgentId, Integer> right = (worker, t) -> t % 2 == 0 || worker.equals(NEW);

        List<CandidateMemory> candidates = distill(List.of(INCUMBENT, NEW), 2, right, false);

        assertThat(candidates)
                .extracting(CandidateMemory::name)
                .containsExactly("avoid-only", "strict", "moderate", "lenient", "cards");
        assertThat(candidates).flatExtracting(CandidateMemory::added).noneMatch(MemoryEntry::isDefault);
    }

    @Test
    void a_generalist_round_records_each_task_the_workers_disagreed_on_as_an_example() {
        // both right on tasks 0-9, both wrong on 10-19, only the newcomer right on 20-29, only the incumbent on 30-39
        BiPredicate<AgentId, Integer> right = (worker, t) ->
                t < 10 || (t >= 20 && t < 30 && worker.equals(NEW)) || (t >= 30 && worker.equals(INCUMBENT));

        List<CandidateMemory> candidates = distill(List.of(INCUMBENT, NEW), 2, right, true);

        assertThat(candidates)
                .extracting(CandidateMemory::name)
                .containsExactly(
                        "avoid-only",
                        "strict",
                        "strict+examples",
                        "moderate",
                        "moderate+examples",
                        "lenient",
                        "lenient+examples",
                        "cards");
        CandidateMemory lenient = candidates.stream()
                .filter(c -> c.name().equals("lenient+examples"))
                .findFirst()
                .orElseThrow();
        List<MemoryEntry> examples =
                lenient.added().stream().filter(MemoryEntry::isExample).toList();
        assertThat(examples).hasSize(20);
        MemoryEntry newcomerRight = examples.stream()
                .filter(e -> e.pattern().equals(MemoryEntry.EXAMPLE + "item20 subject20"))
                .findFirst()
                .orElseThrow();
        assertThat(newcomerRight.guidance())
                .containsExactly(WorkerGuidance.prefer(NEW), WorkerGuidance.avoid(INCUMBENT));
        assertThat(newcomerRight.rule())
                .isEqualTo("For steps like 'item20 subject20': new passed this warm-up task, incumbent failed it.");
        assertThat(newcomerRight.evidence().traces()).containsExactlyInAnyOrder("t20#0", "t20#1");
        MemoryEntry incumbentRight = examples.stream()
                .filter(e -> e.pattern().endsWith(" subject35"))
                .findFirst()
                .orElseThrow();
        assertThat(incumbentRight.guidance())
                .containsExactly(WorkerGuidance.prefer(INCUMBENT), WorkerGuidance.avoid(NEW));
        assertThat(candidates.stream()
                        .filter(c ->
                                !c.name().endsWith("+examples") && !c.name().equals("cards")))
                .flatExtracting(CandidateMemory::added)
                .noneMatch(MemoryEntry::isExample);
    }

    @Test
    void an_example_holds_its_question_s_words_so_that_the_question_covers_it_whole() {
        // inflected words, which a second pass of the stemmer would cut again ("meeting" -> "meet")
        String question = "Buildings hosted meetings after purchasing increased";
        IntFunction<String> text = t -> t == 0 ? question : "item%d subject%d".formatted(t, t);
        BiPredicate<AgentId, Integer> right = (worker, t) -> worker.equals(NEW);

        List<CandidateMemory> candidates = distill(List.of(INCUMBENT, NEW), 2, right, true, text);

        MemoryEntry example = candidates.getLast().added().stream()
                .filter(e -> e.pattern().contains("hosted"))
                .findFirst()
                .orElseThrow();
        String words = example.pattern().substring(MemoryEntry.EXAMPLE.length());
        assertThat(words).isEqualTo("buildings hosted meetings after purchasing increased");
        assertThat(Words.set(words)).isEqualTo(Words.set(question));
    }

    private List<CandidateMemory> distill(
            List<AgentId> pool, int samples, BiPredicate<AgentId, Integer> right, boolean defaultRoutes) {
        // one content word of its own per task, so every task is its own pattern
        return distill(pool, samples, right, defaultRoutes, t -> "item%d subject%d".formatted(t, t));
    }

    private List<CandidateMemory> distill(
            List<AgentId> pool,
            int samples,
            BiPredicate<AgentId, Integer> right,
            boolean defaultRoutes,
            IntFunction<String> texts) {
        List<WarmupTask> tasks = IntStream.range(0, TASKS)
                .mapToObj(t -> {
                    String text = texts.apply(t);
                    Task task = new Task(TaskId.of("t" + t), text, List.of(new Subtask(0, text, List.of())));
                    return new WarmupTask(task, 0, new Intent(NEW, IntentKind.IN_SCOPE, "item", "new/skill"));
                })
                .toList();
        PolicyRouter lift = lift(pool);
        var runs = new WarmupExecutor(
                        id -> Worker.of(id, call -> {
                            int t = Integer.parseInt(call.task().value().substring(1));
                            return new WorkerReply.Answered(
                                    right.test(id, t) ? "right" : "wrong", "text", Duration.ZERO, 0);
                        }),
                        checker,
                        7,
                        WarmupExecutor.Behaviour.PAIRED)
                .run(tasks, lift, samples, WarmupExecutor.Progress.NONE);
        EvidenceTable evidence = EvidenceTable.of(runs);
        assertThat(evidence.patterns()).hasSize(TASKS);
        EvidenceDistiller.Reach reach =
                defaultRoutes ? EvidenceDistiller.Reach.PATTERNS_AND_DEFAULT_ROUTE : EvidenceDistiller.Reach.PATTERNS;
        return new EvidenceDistiller(EvidenceDistiller.Failures.LEARNED, reach)
                .distill(evidence, List.of(NEW), lift, MemoryVersion.of(1));
    }

    private static Optional<MemoryEntry> defaultRoute(List<CandidateMemory> candidates, String level) {
        CandidateMemory candidate = candidates.stream()
                .filter(c -> c.name().equals(level))
                .findFirst()
                .orElseThrow();
        List<MemoryEntry> defaults =
                candidate.added().stream().filter(MemoryEntry::isDefault).toList();
        assertThat(defaults).as("at most one default route per candidate").hasSizeLessThanOrEqualTo(1);
        defaults.forEach(route -> assertThat(route.guidance()).allMatch(g -> g.stance() == Stance.PREFER));
        return defaults.stream().findFirst();
    }

    /** The conservative lift: it always prefers the incumbent. */
    private static PolicyRouter lift(List<AgentId> ids) {
        return FixedRouter.of(ids, Policy.pointMass(ids, INCUMBENT));
    }
}
