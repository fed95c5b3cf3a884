package dev.monoscale.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.synthesis.Intent;
import dev.monoscale.synthesis.IntentKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayWorldTest {

    private final ReplayDataset data = ReplayDatasets.load(ReplayFixtures.fixture(ReplayFixtures.MMLU));
    private final ReplayWorld world = ReplayWorld.of(data, 1);

    @Test
    void stages_grow_the_pool_with_the_dataset_models_under_their_cards() {
        assertThat(world.stages().getFirst().pool().ids())
                .containsExactly(AgentId.of("qwen1-5-72b-chat"), AgentId.of("phi-3-mini-4k-instruct"));
        assertThat(world.model(AgentId.of("qwen1-5-72b-chat"))).isEqualTo("Qwen1.5-72B-Chat");
    }

    @Test
    void evaluation_uses_the_test_split_only_and_the_router_sees_no_category() {
        List<Task> tasks = world.evaluationTasks(Integer.MAX_VALUE);

        assertThat(tasks).hasSize(data.test().size());
        for (Task task : tasks) {
            ReplayQuestion question = world.question(task.id());
            assertThat(question.split()).isEqualTo(Split.TEST);
            assertThat(task.text()).isEqualTo(question.text());
        }
    }

    @Test
    void a_worker_answers_by_lookup_and_a_missing_record_is_a_failure() {
        Task task = world.evaluationTasks(Integer.MAX_VALUE).getFirst();
        ReplayQuestion question = world.question(task.id());
        AgentId qwen = AgentId.of("qwen1-5-72b-chat");

        WorkerReply reply = world.worker(qwen).call(new WorkerCall(task.id(), 0, task.text(), List.of(), 0));

        boolean right = question.score("Qwen1.5-72B-Chat") >= 0.5;
        assertThat(world.checker()
                        .check(
                                task,
                                reply instanceof WorkerReply.Answered a
                                        ? java.util.Optional.of(a.content())
                                        : java.util.Optional.empty())
                        .passed())
                .isEqualTo(right && question.scores().containsKey("Qwen1.5-72B-Chat"));
        assertThat(world.worker(qwen).call(new WorkerCall(TaskId.of("nope"), 0, "", List.of(), 0)))
                .isInstanceOfSatisfying(
                        WorkerReply.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.REJECTED));
    }

    @Test
    void warm_up_draws_dev_questions_only_and_never_a_handoff() {
        Intent intent = new Intent(
                AgentId.of("qwen1-5-72b-chat"),
                IntentKind.IN_SCOPE,
                "law economics physics chemistry question",
                "test");

        for (int i = 0; i < 30; i++) {
            world.materialize(intent, TaskId.of("w-" + i))
                    .ifPresent(task ->
                            assertThat(world.question(task.task().id()).split()).isEqualTo(Split.DEV));
        }
        assertThat(world.materialize(
                        new Intent(intent.newcomer(), IntentKind.HANDOFF, intent.text(), "t"), TaskId.of("h")))
                .isEmpty();
    }

    @Test
    void warm_up_draws_the_question_that_matches_the_intent_not_a_long_one_that_merely_contains_its_words() {
        String filler =
                "Earlier that season the harbour council debated ferry timetables, lighthouse repairs, fishing quotas, "
                        + "tourist parking, school buses, library hours, bakery permits, festival fireworks, museum funding, bridge tolls, "
                        + "garden allotments, rainfall records, hospital staffing, postal routes, bicycle lanes and cinema licences.";
        List<ReplayQuestion> dev = List.of(
                question("short", "Write a python function to reverse a list."),
                question(
                        "long",
                        "Write this down: the python in the zoo ate a list of animals. Its function is to reverse decline. "
                                + filler),
                question("a", "Who painted the Mona Lisa?"),
                question("b", "What is the boiling point of water at sea level?"),
                question("c", "Name the largest planet of the solar system."));
        ReplayDataset small = new ReplayDataset(
                "small",
                List.of("Qwen1.5-72B-Chat"),
                dev,
                List.of(new ReplayStage(
                        0, List.of("Qwen1.5-72B-Chat"), data.stages().getFirst().anchors())));
        ReplayWorld smallWorld = ReplayWorld.of(small, 1);
        Intent intent = new Intent(
                AgentId.of("qwen1-5-72b-chat"),
                IntentKind.IN_SCOPE,
                "Write a Python function that reverses a list",
                "test");

        for (int i = 0; i < 50; i++) {
            assertThat(smallWorld.materialize(intent, TaskId.of("w-" + i)))
                    .hasValueSatisfying(task -> assertThat(
                                    smallWorld.question(task.task().id()).id())
                            .isEqualTo("short"));
        }
    }

    @Test
    void the_oracle_picks_a_model_with_the_best_recorded_score() {
        var pool = world.stages().getLast().pool();
        var oracle = world.oracle(pool);
        for (Task task : world.evaluationTasks(50)) {
            AgentId chosen = oracle.route(task).workers().getFirst();
            double best = pool.ids().stream()
                    .mapToDouble(id -> world.score(task.id(), id))
                    .max()
                    .orElseThrow();
            assertThat(world.score(task.id(), chosen)).isEqualTo(best);
        }
    }

    private static ReplayQuestion question(String id, String text) {
        return new ReplayQuestion(
                id, text, "any", Split.DEV, java.util.Map.of("Qwen1.5-72B-Chat", 1.0), java.util.Map.of());
    }
}
