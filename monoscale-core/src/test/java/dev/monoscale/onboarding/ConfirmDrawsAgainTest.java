package dev.monoscale.onboarding;

import static dev.monoscale.onboarding.EverythingToNewRound.NEW;
import static dev.monoscale.onboarding.EverythingToNewRound.card;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.testkit.Questions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * When a card gives only a few distinct tasks, the confirm rule draws them again, each time run afresh, until the new
 * workers' confirmation budget is spent; a better newcomer with a narrow card is then confirmed rather than left
 * untested for want of tasks.
 *
 * <p>The pool is one incumbent, {@code old}, and the new worker, {@code new}; the synthesizer writes at most
 * {@value #DISTINCT} distinct questions from any card, whatever it is asked for. The lift routes every question to
 * {@code old}, which answers only its own kind; the one candidate routes every question to {@code new}, which answers
 * every question. So the candidate gains on the new worker's questions and ties on the incumbent's. Of the new worker's
 * {@value #DISTINCT} questions, 2 are its selection half; the confirmation then has 4 distinct tasks where the plans
 * differ (1 of the new worker's, 3 of the incumbent's), too few for any test at the level, and 18 to spend.
 */
class ConfirmDrawsAgainTest {

    private static final int DISTINCT = 3;

    private final InMemoryMemoryStore store = new InMemoryMemoryStore();
    private final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();

    @Test
    void a_better_newcomer_with_a_narrow_card_is_confirmed_on_its_few_tasks_drawn_again() {
        RoundReport report =
                round().run(EverythingToNewRound.before(), List.of(card(NEW)), WarmupExecutor.Progress.NONE);

        GateRecord gate = store.head().orElseThrow().gate();
        assertThat(gate.outcome()).isEqualTo(GateRecord.Outcome.ACCEPTED);
        assertThat(gate.chosen()).contains(EverythingToNewRound.CANDIDATE);
        assertThat(gate.test().orElseThrow().tasks())
                .as("confirmation draws the accepted test counted, more than the 4 distinct tasks")
                .isGreaterThan(4);
        assertThat(gate.reason())
                .as("the record says the draws were of 4 distinct tasks")
                .contains("draws of 4 tasks");
        assertThat(report.added()).hasSize(1);
    }

    @Test
    void a_task_drawn_again_runs_with_sample_numbers_no_earlier_run_of_it_used() {
        round().run(EverythingToNewRound.before(), List.of(card(NEW)), WarmupExecutor.Progress.NONE);

        // every call of the round, the selection's and the confirmation's: which task, which worker, which sample
        assertThat(calls).doesNotHaveDuplicates().hasSizeGreaterThan(2 * 4 * 4);
    }

    private OnboardingRound round() {
        return EverythingToNewRound.of(
                (card, pool, budget) -> Questions.of(card, Math.min(DISTINCT, budget)),
                id -> recording(id, id.equals(NEW) ? "" : "old-"),
                store);
    }

    /** Answers the questions whose text contains {@code kind}, blanks the others, and records every call. */
    private Worker recording(AgentId id, String kind) {
        return Worker.of(id, (WorkerCall call) -> {
            calls.add(call.task() + " step " + call.step() + " sample " + call.sample() + " by " + id);
            return new WorkerReply.Answered(call.text().contains(kind) ? "an answer" : " ", "text", Duration.ZERO, 0);
        });
    }
}
