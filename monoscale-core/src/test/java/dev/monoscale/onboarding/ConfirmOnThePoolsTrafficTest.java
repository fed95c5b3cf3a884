package dev.monoscale.onboarding;

import static dev.monoscale.onboarding.EverythingToNewRound.NEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.testkit.Questions;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The confirm rule confirms a candidate on the whole pool's traffic as the cards describe it, not only on the new
 * worker's: a memory that wins the newcomer's own tasks by sending everything to it (a default route) is tested on the
 * incumbent's tasks too, where it may lose what it wins.
 *
 * <p>The pool is one incumbent, {@code old}, and the new worker, {@code new}. Each card gives questions of its own
 * kind. The lift routes every question to {@code old}; the one candidate routes every question to {@code new}. On
 * the new worker's questions the candidate wins every time, so it is chosen on the selection half whatever else is
 * true; what the confirmation decides is whether it also holds on the incumbent's questions.
 */
class ConfirmOnThePoolsTrafficTest {

    private final InMemoryMemoryStore store = new InMemoryMemoryStore();

    @Test
    void a_default_route_to_a_newcomer_that_fails_the_incumbents_work_is_not_accepted() {
        // new answers only its own kind of question; old answers only its own
        RoundReport report = round(task -> task.text().contains("new-"))
                .run(EverythingToNewRound.before(), List.of(EverythingToNewRound.card(NEW)), none());

        GateRecord gate = store.head().orElseThrow().gate();
        assertThat(gate.outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
        assertThat(gate.reason()).contains("'send everything to new'");
        assertThat(report.added()).isEmpty();
    }

    @Test
    void a_default_route_to_a_newcomer_that_also_does_the_incumbents_work_is_accepted() {
        // new answers every question; old answers only its own
        RoundReport report =
                round(task -> true).run(EverythingToNewRound.before(), List.of(EverythingToNewRound.card(NEW)), none());

        GateRecord gate = store.head().orElseThrow().gate();
        assertThat(gate.outcome()).isEqualTo(GateRecord.Outcome.ACCEPTED);
        assertThat(gate.chosen()).contains("send everything to new");
        assertThat(report.added()).hasSize(1);
    }

    /** A round where {@code new} answers the questions {@code newAnswers} accepts and {@code old} its own kind. */
    private OnboardingRound round(Predicate<Task> newAnswers) {
        return EverythingToNewRound.of(
                Questions.SYNTHESIZER,
                id -> id.equals(NEW)
                        ? answering(id, newAnswers)
                        : answering(id, task -> task.text().contains("old-")),
                store);
    }

    private static WarmupExecutor.Progress none() {
        return WarmupExecutor.Progress.NONE;
    }

    /** Answers the questions {@code answers} accepts, and gives a blank answer (a failure) to the others. */
    private static Worker answering(AgentId id, Predicate<Task> answers) {
        return Worker.of(
                id,
                call -> new WorkerReply.Answered(
                        answers.test(questionOf(call.text())) ? "an answer" : " ", "text", Duration.ZERO, 0));
    }

    private static Task questionOf(String text) {
        return new Task(TaskId.of("q"), text, List.of(new Subtask(0, text, List.of())));
    }
}
