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
import dev.monoscale.synthesis.Intent;
import dev.monoscale.synthesis.IntentKind;
import dev.monoscale.synthesis.WarmupTask;
import dev.monoscale.testkit.FixedRouter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Graded answers: both workers pass every warm-up task (every score reaches the pass mark 0.5), the incumbent with
 * a score of 0.55 and the newcomer with 0.95. Counting passes they are level; on the scores the newcomer is clearly
 * better, and the distiller learns that, in words that speak of mean scores.
 */
class GradedEvidenceDistillerTest {

    private static final AgentId INCUMBENT = AgentId.of("incumbent");
    private static final AgentId NEW = AgentId.of("new");
    private static final List<AgentId> POOL = List.of(INCUMBENT, NEW);

    private static double scoreOf(AgentId worker) {
        return worker.equals(NEW) ? 0.95 : 0.55;
    }

    @Test
    void a_newcomer_with_a_better_mean_score_is_preferred_though_both_pass_every_task() {
        Checker graded = (task, answer) -> {
            double score = Double.parseDouble(answer.orElseThrow());
            return Verdict.graded(score >= 0.5, score, score, "scored " + answer.orElseThrow());
        };

        List<MemoryEntry> strict = strict(graded);

        assertThat(strict).anySatisfy(entry -> {
            assertThat(entry.guidance()).singleElement().satisfies(g -> {
                assertThat(g.worker()).isEqualTo(NEW);
                assertThat(g.stance()).isEqualTo(Stance.PREFER);
            });
            assertThat(entry.rule())
                    .contains("to new: its mean score over 10 warm-up runs was 0.950 (95% CI")
                    .contains("against 0.550 for incumbent")
                    .doesNotContain("passed");
            assertThat(entry.evidence().successes()).isEqualTo(10);
        });
    }

    @Test
    void with_the_same_answers_checked_pass_fail_the_two_workers_are_level_and_nothing_is_preferred() {
        Checker passFail = (task, answer) ->
                Double.parseDouble(answer.orElseThrow()) >= 0.5 ? Verdict.pass("passed") : Verdict.fail("failed");

        assertThat(strict(passFail))
                .noneMatch(entry -> entry.guidance().stream().anyMatch(g -> g.stance() == Stance.PREFER));
    }

    @Test
    void a_cost_taken_off_the_score_makes_the_rule_speak_of_mean_reward() {
        Checker costed = (task, answer) -> {
            double score = Double.parseDouble(answer.orElseThrow());
            return Verdict.graded(score >= 0.5, score, score - 0.05, "scored " + answer.orElseThrow());
        };

        assertThat(strict(costed))
                .anySatisfy(entry -> assertThat(entry.rule())
                        .contains(String.format(Locale.ROOT, "its mean reward over 10 warm-up runs was %.3f", 0.90)));
    }

    private static List<MemoryEntry> strict(Checker checker) {
        List<WarmupTask> tasks = IntStream.range(0, 10)
                .mapToObj(t -> {
                    String text = "Summarise the quarterly sales report";
                    Task task = new Task(TaskId.of("t" + t), text, List.of(new Subtask(0, text, List.of())));
                    return new WarmupTask(task, 0, new Intent(NEW, IntentKind.IN_SCOPE, "summarise", "new/skill"));
                })
                .toList();
        PolicyRouter lift = FixedRouter.of(POOL, Policy.pointMass(POOL, INCUMBENT));
        var runs = new WarmupExecutor(
                        id -> Worker.of(
                                id,
                                call -> new WorkerReply.Answered(
                                        String.valueOf(scoreOf(id)), "text", Duration.ZERO, 0)),
                        checker,
                        7,
                        WarmupExecutor.Behaviour.PAIRED)
                .run(tasks, lift, 2, WarmupExecutor.Progress.NONE);
        EvidenceTable evidence = EvidenceTable.of(runs);
        return new EvidenceDistiller()
                .distill(evidence, List.of(NEW), lift, MemoryVersion.of(1)).stream()
                        .filter(candidate -> candidate.name().equals("strict"))
                        .findFirst()
                        .orElseThrow()
                        .added();
    }
}
