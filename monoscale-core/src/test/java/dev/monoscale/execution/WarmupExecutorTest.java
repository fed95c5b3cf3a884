package dev.monoscale.execution;

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
import dev.monoscale.synthesis.Intent;
import dev.monoscale.synthesis.IntentKind;
import dev.monoscale.synthesis.WarmupTask;
import dev.monoscale.testkit.FixedRouter;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WarmupExecutorTest {

    private static final AgentId NEW = AgentId.of("new");
    private static final AgentId FAVOURITE = AgentId.of("favourite");
    private static final List<AgentId> IDS = List.of(AgentId.of("a"), FAVOURITE, AgentId.of("b"), NEW, AgentId.of("c"));

    private final Checker checker =
            (task, answer) -> answer.isPresent() ? Verdict.pass("answered") : Verdict.fail("no answer");

    @Test
    void paired_behaviour_sends_each_sample_of_a_task_to_a_different_worker_newcomer_first_then_the_lift_choice() {
        List<WarmupRun> runs =
                executor(WarmupExecutor.Behaviour.PAIRED).run(tasks(20), lift(IDS), 4, WarmupExecutor.Progress.NONE);

        assertThat(runs).hasSize(20 * 4);
        for (int t = 0; t < 20; t++) {
            List<WarmupRun> ofTask = runs.subList(4 * t, 4 * t + 4);
            assertThat(ofTask).extracting(WarmupRun::probed).doesNotHaveDuplicates();
            assertThat(ofTask.get(0).probed()).isEqualTo(NEW);
            assertThat(ofTask.get(0).forced()).isTrue();
            assertThat(ofTask.get(1).probed()).isEqualTo(FAVOURITE);
            assertThat(ofTask.subList(1, 4)).noneMatch(WarmupRun::forced);
        }
        // the shuffled slots reach every other worker across tasks
        assertThat(runs).extracting(WarmupRun::probed).containsAll(IDS);
    }

    @Test
    void paired_behaviour_never_runs_a_worker_twice_on_a_task_when_the_pool_is_smaller_than_the_samples() {
        List<AgentId> small = List.of(FAVOURITE, NEW);

        List<WarmupRun> runs =
                executor(WarmupExecutor.Behaviour.PAIRED).run(tasks(3), lift(small), 4, WarmupExecutor.Progress.NONE);

        assertThat(runs).hasSize(3 * 2);
        assertThat(runs).extracting(WarmupRun::probed).containsExactly(NEW, FAVOURITE, NEW, FAVOURITE, NEW, FAVOURITE);
        assertThat(runs)
                .allSatisfy(run -> assertThat(run.behaviourProbability()).isEqualTo(0.5));
    }

    @Test
    void paired_behaviour_records_each_worker_share_of_the_samples_as_the_behaviour_probability() {
        List<WarmupRun> runs =
                executor(WarmupExecutor.Behaviour.PAIRED).run(tasks(5), lift(IDS), 4, WarmupExecutor.Progress.NONE);

        // newcomer and lift choice get one sample in four each; the two shuffled samples spread over the other three
        for (WarmupRun run : runs) {
            double expected = run.probed().equals(NEW) || run.probed().equals(FAVOURITE) ? 0.25 : 2.0 / 3 / 4;
            assertThat(run.behaviourProbability()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void paired_behaviour_puts_every_newcomer_of_the_round_on_each_task_after_the_lift_choice() {
        AgentId other = AgentId.of("b");
        List<WarmupTask> tasks = new java.util.ArrayList<>(tasks(6));
        tasks.addAll(tasks(6, other));

        List<WarmupRun> runs =
                executor(WarmupExecutor.Behaviour.PAIRED).run(tasks, lift(IDS), 4, WarmupExecutor.Progress.NONE);

        for (int t = 0; t < tasks.size(); t++) {
            List<WarmupRun> ofTask = runs.subList(4 * t, 4 * t + 4);
            AgentId own = tasks.get(t).intent().newcomer();
            AgentId second = own.equals(NEW) ? other : NEW;
            assertThat(ofTask)
                    .extracting(WarmupRun::probed)
                    .startsWith(own, FAVOURITE, second)
                    .doesNotHaveDuplicates();
            // the last sample goes to one of the two workers that are neither new nor the lift's choice
            assertThat(ofTask.get(3).probed()).isIn(AgentId.of("a"), AgentId.of("c"));
            assertThat(ofTask.get(2).behaviourProbability()).isEqualTo(0.25);
            assertThat(ofTask.get(3).behaviourProbability()).isEqualTo(0.125);
        }
    }

    @Test
    void repeated_behaviour_forces_the_newcomer_on_even_samples() {
        List<WarmupRun> runs =
                executor(WarmupExecutor.Behaviour.REPEATED).run(tasks(10), lift(IDS), 4, WarmupExecutor.Progress.NONE);

        assertThat(runs).hasSize(10 * 4);
        assertThat(runs).filteredOn(run -> run.sample() % 2 == 0).allSatisfy(run -> {
            assertThat(run.probed()).isEqualTo(NEW);
            assertThat(run.forced()).isTrue();
        });
        assertThat(runs)
                .filteredOn(run -> run.sample() == 3)
                .noneMatch(run -> run.probed().equals(NEW));
    }

    @Test
    void targeted_behaviour_runs_the_newcomer_the_lift_choice_and_the_targets_once_each_on_every_task() {
        AgentId target = AgentId.of("c");
        WarmupExecutor.Targets targets = (task, step, producers) -> List.of(target, FAVOURITE);

        List<WarmupRun> runs = executor(WarmupExecutor.Behaviour.TARGETED)
                .run(tasks(6), lift(IDS), 4, targets, WarmupExecutor.Progress.NONE);

        for (int t = 0; t < 6; t++) {
            List<WarmupRun> ofTask = runs.subList(4 * t, 4 * t + 4);
            // the newcomer, the lift's choice, the target, then the lift's runner-up among the rest: a fixed slot each
            assertThat(ofTask)
                    .extracting(WarmupRun::probed)
                    .startsWith(NEW, FAVOURITE, target)
                    .doesNotHaveDuplicates();
            assertThat(ofTask)
                    .allSatisfy(run -> assertThat(run.behaviourProbability()).isEqualTo(0.25));
            assertThat(ofTask)
                    .filteredOn(WarmupRun::forced)
                    .extracting(WarmupRun::probed)
                    .containsExactly(NEW);
        }
    }

    @Test
    void targeted_behaviour_gives_the_newcomer_the_samples_left_once_every_candidate_worker_ran() {
        List<AgentId> small = List.of(FAVOURITE, NEW);

        List<WarmupRun> runs = executor(WarmupExecutor.Behaviour.TARGETED)
                .run(tasks(2), lift(small), 4, WarmupExecutor.Targets.NONE, WarmupExecutor.Progress.NONE);

        assertThat(runs)
                .extracting(WarmupRun::probed)
                .containsExactly(NEW, FAVOURITE, NEW, NEW, NEW, FAVOURITE, NEW, NEW);
        assertThat(runs)
                .filteredOn(run -> run.probed().equals(NEW))
                .allSatisfy(run -> assertThat(run.behaviourProbability()).isEqualTo(0.75));
    }

    private WarmupExecutor executor(WarmupExecutor.Behaviour behaviour) {
        return new WarmupExecutor(WarmupExecutorTest::echo, checker, 42, behaviour);
    }

    private static Worker echo(AgentId id) {
        return Worker.of(id, call -> new WorkerReply.Answered(call.text(), "text", Duration.ZERO, 0));
    }

    private static List<WarmupTask> tasks(int count) {
        return tasks(count, NEW);
    }

    /** Warm-up tasks written from {@code newcomer}'s card. */
    private static List<WarmupTask> tasks(int count, AgentId newcomer) {
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    String id = newcomer.value() + "-t" + i;
                    Task task = new Task(
                            TaskId.of(id), "question " + id, List.of(new Subtask(0, "question " + id, List.of())));
                    return new WarmupTask(task, 0, new Intent(newcomer, IntentKind.IN_SCOPE, "question", "test"));
                })
                .toList();
    }

    /** A lift that always prefers {@link #FAVOURITE} (or the first worker when it is absent). */
    private static PolicyRouter lift(List<AgentId> ids) {
        AgentId top = ids.contains(FAVOURITE) ? FAVOURITE : ids.getFirst();
        double[] p = new double[ids.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = ids.get(i).equals(top) ? 0.6 : 0.4 / (ids.size() - 1);
        }
        return FixedRouter.of(ids, Policy.of(ids, p));
    }
}
