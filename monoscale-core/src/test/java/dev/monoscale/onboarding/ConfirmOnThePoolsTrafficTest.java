package dev.monoscale.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Policy;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.gate.GateRule;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.synthesis.AnsweredChecker;
import dev.monoscale.testkit.FixedRouter;
import dev.monoscale.testkit.MemoryFixtures;
import dev.monoscale.testkit.Questions;
import java.time.Duration;
import java.time.InstantSource;
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

    private static final AgentId OLD = AgentId.of("old");
    private static final AgentId NEW = AgentId.of("new");
    private static final List<AgentId> IDS = List.of(OLD, NEW);
    private static final RoundConfig CONFIG =
            new RoundConfig(20, 4, GateConfig.defaults().withRule(GateRule.CONFIRM), 3);

    private final InMemoryMemoryStore store = new InMemoryMemoryStore();

    @Test
    void a_default_route_to_a_newcomer_that_fails_the_incumbents_work_is_not_accepted() {
        // new answers only its own kind of question; old answers only its own
        RoundReport report = round(task -> task.text().contains("new-")).run(before(), List.of(card(NEW)), none());

        GateRecord gate = store.head().orElseThrow().gate();
        assertThat(gate.outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
        assertThat(gate.reason()).contains("'send everything to new'");
        assertThat(report.added()).isEmpty();
    }

    @Test
    void a_default_route_to_a_newcomer_that_also_does_the_incumbents_work_is_accepted() {
        // new answers every question; old answers only its own
        RoundReport report = round(task -> true).run(before(), List.of(card(NEW)), none());

        GateRecord gate = store.head().orElseThrow().gate();
        assertThat(gate.outcome()).isEqualTo(GateRecord.Outcome.ACCEPTED);
        assertThat(gate.chosen()).contains("send everything to new");
        assertThat(report.added()).hasSize(1);
    }

    /** A round where {@code new} answers the questions {@code newAnswers} accepts and {@code old} its own kind. */
    private OnboardingRound round(Predicate<Task> newAnswers) {
        CandidateMemory everythingToNew = new CandidateMemory(
                "send everything to new", List.of(MemoryFixtures.prefer("m1-new", "questions", NEW.value(), 4, 4)));
        OnboardingRound.Parts parts = new OnboardingRound.Parts(
                Questions.SYNTHESIZER,
                id -> id.equals(NEW)
                        ? answering(id, newAnswers)
                        : answering(id, task -> task.text().contains("old-")),
                new AnsweredChecker(),
                (evidence, newcomers, lift, version) -> List.of(everythingToNew),
                (pool, memory) -> FixedRouter.of(
                        IDS,
                        Policy.of(IDS, memory.entries().isEmpty() ? new double[] {0.6, 0.4} : new double[] {0.2, 0.8})),
                store,
                InstantSource.fixed(MemoryFixtures.T0));
        return new OnboardingRound(parts, CONFIG, GatePolicy.GATED, PoolKind.SPECIALISTS);
    }

    private static WarmupExecutor.Progress none() {
        return WarmupExecutor.Progress.NONE;
    }

    private static Pool before() {
        return Pool.of(List.of(card(OLD)));
    }

    private static AgentCard card(AgentId id) {
        return new AgentCard(id, id.value(), "a worker", List.of(), List.of(), List.of(), List.of(), "1");
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
