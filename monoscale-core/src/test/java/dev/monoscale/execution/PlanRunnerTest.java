package dev.monoscale.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Verdict;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlanRunnerTest {

    private static final AgentId UPPER = AgentId.of("upper");
    private static final AgentId BROKEN = AgentId.of("broken");
    private static final AgentId THROWS = AgentId.of("throws");
    private static final List<AgentId> POOL = List.of(UPPER, BROKEN, THROWS);

    private final List<WorkerCall> calls = new ArrayList<>();
    private final Map<AgentId, Worker> workers = Map.of(
            UPPER,
                    worker(
                            UPPER,
                            call -> new WorkerReply.Answered(
                                    (call.inputs().isEmpty()
                                                            ? call.text()
                                                            : call.inputs()
                                                                    .getFirst()
                                                                    .content())
                                                    .toUpperCase(java.util.Locale.ROOT)
                                            + "!",
                                    "text",
                                    Duration.ofMillis(10),
                                    0.5)),
            BROKEN,
                    worker(
                            BROKEN,
                            call -> new WorkerReply.Failed(
                                    FailureKind.ERROR, "tool crashed", Duration.ofMillis(5), 0.1)),
            THROWS,
                    worker(THROWS, call -> {
                        throw new IllegalStateException("bug in the worker");
                    }));
    private final Checker checker =
            (task, answer) -> answer.map(a -> a.equals("HI!!") ? Verdict.pass("ok") : Verdict.fail("wrong"))
                    .orElse(Verdict.fail("no answer"));
    private final PlanRunner runner = new PlanRunner(workers::get, checker);
    private final Task task = new Task(
            TaskId.of("t1"),
            "shout twice",
            List.of(new Subtask(0, "hi", List.of()), new Subtask(1, "again", List.of(0))));

    @Test
    void each_step_reads_the_outputs_of_the_steps_it_names_and_the_last_output_is_the_answer() {
        var trace = runner.run(task, plan(UPPER, UPPER), 0);

        assertThat(trace.passed()).isTrue();
        assertThat(calls).extracting(call -> call.inputs().size()).containsExactly(0, 1);
        assertThat(trace.cost()).isEqualTo(1.0);
        assertThat(trace.latency()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void the_first_failed_step_ends_the_run_and_the_task_fails_without_an_answer() {
        var trace = runner.run(task, plan(BROKEN, UPPER), 0);

        assertThat(trace.steps()).hasSize(1);
        assertThat(trace.steps().getFirst().failed()).isTrue();
        assertThat(trace.verdict()).isEqualTo(Verdict.fail("no answer"));
    }

    @Test
    void a_worker_that_throws_becomes_failure_evidence_not_a_crash() {
        var trace = runner.run(task, plan(UPPER, THROWS), 0);

        assertThat(trace.steps().getLast().reply())
                .isEqualTo(new WorkerReply.Failed(
                        FailureKind.ERROR,
                        "worker 'throws' threw IllegalStateException: bug in the worker",
                        Duration.ZERO,
                        0));
        assertThat(trace.passed()).isFalse();
    }

    @Test
    void the_trace_records_the_probability_the_policy_gave_each_chosen_worker() {
        var trace = runner.run(task, plan(UPPER, UPPER), 0);

        assertThat(trace.steps()).extracting(step -> step.probability()).containsExactly(0.5, 0.5);
    }

    private Plan plan(AgentId first, AgentId second) {
        Policy policy = Policy.of(POOL, new double[] {0.5, 0.25, 0.25});
        return new Plan(
                task.id(),
                List.of(
                        new StepDecision(task.subtasks().get(0), policy, first, List.of()),
                        new StepDecision(task.subtasks().get(1), policy, second, List.of())));
    }

    private Worker worker(AgentId id, Function<WorkerCall, WorkerReply> behaviour) {
        return Worker.of(id, call -> {
            calls.add(call);
            return behaviour.apply(call);
        });
    }
}
