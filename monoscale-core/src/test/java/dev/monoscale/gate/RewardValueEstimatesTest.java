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
import dev.monoscale.synthesis.Intent;
import dev.monoscale.synthesis.IntentKind;
import dev.monoscale.synthesis.WarmupTask;
import dev.monoscale.testkit.FixedRouter;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Q̂ when the checker's reward is not just the pass: both workers pass every task, the incumbent at a cost of 0.02 a
 * call and the newcomer at 0.002, and the checker's reward is the pass less 10 times the cost (as a cost-weighted
 * replay world gives it).
 */
class RewardValueEstimatesTest {

    private static final AgentId INCUMBENT = AgentId.of("incumbent");
    private static final AgentId NEW = AgentId.of("new");
    private static final List<AgentId> POOL = List.of(INCUMBENT, NEW);
    private static final double WEIGHT = 10;

    private final Checker checker = (task, answer) -> {
        double cost = Double.parseDouble(answer.orElseThrow().substring("right at ".length()));
        return Verdict.scored(true, 1 - WEIGHT * cost, "right");
    };

    @Test
    void a_worker_is_worth_its_mean_reward_not_its_pass_rate() {
        EvidenceTable evidence = evidence();
        PatternEvidence pattern = evidence.patterns().getFirst();
        ValueEstimates q = ValueEstimates.from(evidence, false);
        double mean = (0.98 + 0.8) / 2;

        assertThat(pattern.meanRate()).isCloseTo(mean, within(1e-12));
        assertThat(q.value(pattern.index(), NEW)).isCloseTo((0.98 + 2 * mean) / 3, within(1e-12));
        assertThat(q.value(pattern.index(), INCUMBENT)).isCloseTo((0.8 + 2 * mean) / 3, within(1e-12));
    }

    @Test
    void with_pass_fail_rewards_both_workers_would_be_worth_the_same() {
        assertThat(Verdict.pass("right").reward()).isEqualTo(1.0);
        assertThat(Verdict.fail("wrong").reward()).isEqualTo(0.0);
        assertThat(Verdict.scored(true, 0.98, "right").passed()).isTrue();
    }

    private EvidenceTable evidence() {
        PolicyRouter lift = FixedRouter.of(POOL, Policy.pointMass(POOL, INCUMBENT));
        WarmupExecutor executor = new WarmupExecutor(
                id -> Worker.of(id, call -> {
                    double cost = id.equals(INCUMBENT) ? 0.02 : 0.002;
                    return new WorkerReply.Answered("right at " + cost, "text", Duration.ZERO, cost);
                }),
                checker,
                7,
                WarmupExecutor.Behaviour.PAIRED);
        List<WarmupRun> runs = executor.run(tasks(0, 10, NEW), lift, 2, WarmupExecutor.Progress.NONE);
        return EvidenceTable.of(runs);
    }

    private static List<WarmupTask> tasks(int from, int to, AgentId newcomer) {
        return IntStream.range(from, to)
                .mapToObj(t -> {
                    String text = "item%d subject%d".formatted(t, t);
                    Task task = new Task(TaskId.of("t" + t), text, List.of(new Subtask(0, text, List.of())));
                    return new WarmupTask(task, 0, new Intent(newcomer, IntentKind.IN_SCOPE, "item", "new/skill"));
                })
                .toList();
    }
}
