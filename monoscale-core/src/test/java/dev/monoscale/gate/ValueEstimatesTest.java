package dev.monoscale.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import dev.monoscale.evidence.PatternEvidence;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.stats.Proportions;
import dev.monoscale.synthesis.Intent;
import dev.monoscale.synthesis.IntentKind;
import dev.monoscale.synthesis.WarmupTask;
import dev.monoscale.testkit.FixedRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Q̂(x, a), the gate's value of a worker at a task pattern, from real paired warm-up runs of scripted workers: one
 * pattern per task. On tasks 0 to 9 only the newcomer and the incumbent run (two samples); on tasks 10 to 29 a
 * third worker, the bystander, runs as well and always passes. The newcomer passes every task, the incumbent none.
 */
class ValueEstimatesTest {

    private static final AgentId INCUMBENT = AgentId.of("incumbent");
    private static final AgentId NEW = AgentId.of("new");
    private static final AgentId BYSTANDER = AgentId.of("bystander");
    private static final List<AgentId> POOL = List.of(INCUMBENT, NEW, BYSTANDER);

    private final Checker checker = (task, answer) ->
            answer.filter("right"::equals).isPresent() ? Verdict.pass("right") : Verdict.fail("wrong");
    private final EvidenceTable evidence = evidence();

    @Test
    void a_worker_that_ran_a_pattern_is_worth_its_pass_rate_there_shrunk_towards_the_pattern_s_mean_by_two_runs() {
        ValueEstimates q = ValueEstimates.from(evidence, false);
        int task0 = patternOf(0);

        // at task 0: the newcomer passed once, the incumbent failed once, so the pattern's mean is 1/2
        assertThat(q.value(task0, NEW)).isCloseTo((1 + 2 * 0.5) / 3, within(1e-12));
        assertThat(q.value(task0, INCUMBENT)).isCloseTo((0 + 2 * 0.5) / 3, within(1e-12));
    }

    @Test
    void a_worker_that_did_not_run_a_pattern_gets_the_lowest_value_of_those_that_did_never_an_optimistic_one() {
        ValueEstimates q = ValueEstimates.from(evidence, false);

        assertThat(q.value(patternOf(0), BYSTANDER))
                .as("the bystander passed 20 of 20 elsewhere, which does not count here")
                .isEqualTo(q.value(patternOf(0), INCUMBENT));
    }

    @Test
    void for_generalists_an_untried_worker_is_worth_at_least_the_lower_bound_of_its_pass_rate_across_the_round() {
        ValueEstimates q = ValueEstimates.from(evidence, true);
        double lowerBound = Proportions.wilson(20, 20, Proportions.Z95).low();

        assertThat(q.value(patternOf(0), BYSTANDER))
                .isCloseTo(lowerBound, within(1e-12))
                .isGreaterThan(q.value(patternOf(0), INCUMBENT));
        assertThat(q.value(patternOf(0), INCUMBENT))
                .as("a worker's own runs still decide where it ran")
                .isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void a_pattern_nobody_ran_is_worth_nothing() {
        ValueEstimates q = ValueEstimates.from(evidence, true);

        assertThat(q.value(10_000, NEW)).isZero();
    }

    private int patternOf(int task) {
        TaskId id = TaskId.of("t" + task);
        return evidence.patterns().stream()
                .filter(p -> p.runs().stream()
                        .anyMatch(run -> run.warmup().task().id().equals(id)))
                .mapToInt(PatternEvidence::index)
                .findFirst()
                .orElseThrow();
    }

    private EvidenceTable evidence() {
        // the lift prefers the incumbent, so paired runs go to the newcomer, then the incumbent, then the bystander
        PolicyRouter lift = FixedRouter.of(POOL, Policy.pointMass(POOL, INCUMBENT));
        WarmupExecutor executor = new WarmupExecutor(
                id -> Worker.of(
                        id,
                        call -> new WorkerReply.Answered(
                                id.equals(INCUMBENT) ? "wrong" : "right", "text", Duration.ZERO, 0)),
                checker,
                7,
                WarmupExecutor.Behaviour.PAIRED);
        List<WarmupRun> runs = new ArrayList<>(executor.run(tasks(0, 10), lift, 2, WarmupExecutor.Progress.NONE));
        runs.addAll(executor.run(tasks(10, 30), lift, 3, WarmupExecutor.Progress.NONE));
        return EvidenceTable.of(runs);
    }

    private static List<WarmupTask> tasks(int from, int to) {
        // one content word of its own per task, so that every task is its own pattern
        return IntStream.range(from, to)
                .mapToObj(t -> {
                    String text = "item%d subject%d".formatted(t, t);
                    Task task = new Task(TaskId.of("t" + t), text, List.of(new Subtask(0, text, List.of())));
                    return new WarmupTask(task, 0, new Intent(NEW, IntentKind.IN_SCOPE, "item", "new/skill"));
                })
                .toList();
    }
}
