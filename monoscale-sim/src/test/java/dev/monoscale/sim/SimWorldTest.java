package dev.monoscale.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimWorldTest {

    private final WorldSpec noisy = WorldSpecs.builtIn("paper-noisy");

    @Test
    void the_same_seed_writes_the_same_tasks_and_another_seed_other_ones() {
        List<Task> once = SimWorld.create(noisy, 7).evaluationTasks(50);
        List<Task> again = SimWorld.create(noisy, 7).evaluationTasks(50);
        List<Task> other = SimWorld.create(noisy, 8).evaluationTasks(50);

        assertThat(again).isEqualTo(once);
        assertThat(other).isNotEqualTo(once);
    }

    @Test
    void another_process_copy_plays_the_task_an_id_names_now_when_a_later_round_writes_it_from_another_family() {
        SimWorld round = SimWorld.create(noisy, 3);
        SimWorld workers = SimWorld.create(noisy, 3);
        TaskId id = TaskId.of("warmup-vision-analyst-003");
        WorldSpec.FamilySpec first = noisy.families().getFirst();
        WorldSpec.FamilySpec second = noisy.families().getLast();

        Task early = round.materialize(first, id);
        workers.learn(id, round.familyOf(id));
        Task later = round.materialize(second, id);
        workers.learn(id, round.familyOf(id));

        assertThat(later).isNotEqualTo(early);
        assertThat(workers.familyOf(id)).isEqualTo(second.id());
        assertThat(workers.skillsOf(id)).isEqualTo(round.skillsOf(id));
    }

    @Test
    void tasks_fill_every_placeholder_and_hide_the_skills_from_their_text() {
        SimWorld world = SimWorld.create(noisy, 3);

        for (Task task : world.evaluationTasks(200)) {
            assertThat(task.text()).doesNotContain("{");
            task.subtasks().forEach(step -> assertThat(step.text()).doesNotContain("{"));
            assertThat(world.skillsOf(task.id())).hasSameSizeAs(task.subtasks());
        }
    }

    @Test
    void a_broken_tool_always_errors_on_its_skill() {
        SimWorld world = SimWorld.create(noisy, 1);
        Task codeTask = firstOfFamily(world, "code-puzzle");

        for (int sample = 0; sample < 20; sample++) {
            WorkerReply reply = world.worker(AgentId.of("code-runner"))
                    .call(new WorkerCall(codeTask.id(), 0, "run it", List.of(), sample));
            assertThat(reply).isInstanceOfSatisfying(WorkerReply.Failed.class, failed -> {
                assertThat(failed.kind()).isEqualTo(FailureKind.ERROR);
                assertThat(failed.message()).isEqualTo("tool error: the code tool crashed");
            });
        }
    }

    @Test
    void an_interface_constraint_refuses_the_handoff_but_not_the_same_step_alone() {
        SimWorld world = SimWorld.create(noisy, 1);
        Task openData = firstOfFamily(world, "open-data");
        StepOutput html = new StepOutput(1, AgentId.of("web-surfer"), "ans-00000000", "html");

        WorkerReply handedOff = world.worker(AgentId.of("table-reader"))
                .call(new WorkerCall(openData.id(), 2, "filter", List.of(html), 0));

        assertThat(handedOff)
                .isInstanceOfSatisfying(
                        WorkerReply.Failed.class,
                        failed -> assertThat(failed.kind()).isEqualTo(FailureKind.REJECTED));
        assertThat(world.refuses(AgentId.of("table-reader"), AgentId.of("coder"), "table"))
                .isFalse();
    }

    @Test
    void a_more_capable_worker_succeeds_whenever_a_less_capable_one_does_on_the_same_draw() {
        SimWorld world = SimWorld.create(noisy, 5);
        AgentId strong = AgentId.of("web-surfer");
        AgentId weak = AgentId.of("deep-researcher");
        int strongWins = 0;
        for (Task task : world.evaluationTasks(400)) {
            if (!world.skillsOf(task.id()).getFirst().equals("web-search")) {
                continue;
            }
            WorkerCall call =
                    new WorkerCall(task.id(), 0, task.subtasks().getFirst().text(), List.of(), 0);
            boolean weakRight = world.correct(task.id(), 0, world.worker(weak).call(call));
            boolean strongRight =
                    world.correct(task.id(), 0, world.worker(strong).call(call));
            assertThat(!weakRight || strongRight).as("task %s", task.id()).isTrue();
            strongWins += strongRight && !weakRight ? 1 : 0;
        }

        assertThat(strongWins).isPositive();
    }

    @Test
    void outcomes_are_the_same_however_often_and_in_whatever_order_they_are_asked() {
        SimWorld world = SimWorld.create(noisy, 9);
        List<Task> tasks = world.evaluationTasks(30);
        List<WorkerReply> forward = tasks.stream()
                .map(t -> world.worker(AgentId.of("coder")).call(new WorkerCall(t.id(), 0, "", List.of(), 1)))
                .toList();
        List<WorkerReply> backward = tasks.reversed().stream()
                .map(t -> world.worker(AgentId.of("coder")).call(new WorkerCall(t.id(), 0, "", List.of(), 1)))
                .toList()
                .reversed();

        assertThat(backward).isEqualTo(forward);
    }

    private static Task firstOfFamily(SimWorld world, String family) {
        return world.evaluationTasks(300).stream()
                .filter(t -> world.familyOf(t.id()).equals(family))
                .findFirst()
                .orElseThrow();
    }
}
