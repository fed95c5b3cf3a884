package dev.monoscale.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerScore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedRouterTest {

    private static final AgentId INVOICES = ThreeCards.INVOICES;
    private static final AgentId WEATHER = ThreeCards.WEATHER;
    private static final AgentId TRANSLATOR = ThreeCards.TRANSLATOR;
    private static final Pool POOL = ThreeCards.POOL;

    private final EmbeddedRouter router = EmbeddedRouter.of(POOL, EmbeddedRouterConfig.defaults());

    @Test
    void sends_a_step_about_invoices_mostly_to_the_card_about_invoices() {
        Task task = task("Read the total of the invoice in the attached PDF");

        Policy policy = router.policy(task, task.subtasks().getFirst());

        assertThat(policy.argmax()).isEqualTo(INVOICES);
        assertThat(policy.probability(INVOICES)).isGreaterThan(0.5);
    }

    @Test
    void gives_every_worker_a_probability_and_the_probabilities_sum_to_one() {
        Task task = task("Read the total of the invoice in the attached PDF");

        Policy policy = router.policy(task, task.subtasks().getFirst());

        assertThat(policy.workers()).containsExactly(INVOICES, WEATHER, TRANSLATOR);
        assertThat(policy.asMap().values()).allSatisfy(p -> assertThat(p).isPositive());
        assertThat(policy.asMap().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(1, within(1e-12));
    }

    @Test
    void sharpens_the_distribution_at_a_lower_temperature() {
        Task task = task("Read the total of the invoice in the attached PDF");
        EmbeddedRouter cold =
                EmbeddedRouter.of(POOL, EmbeddedRouterConfig.defaults().withTemperature(0.5));

        Policy warm = router.policy(task, task.subtasks().getFirst());
        Policy sharp = cold.policy(task, task.subtasks().getFirst());

        assertThat(sharp.argmax()).isEqualTo(warm.argmax());
        assertThat(sharp.probability(sharp.argmax())).isGreaterThan(warm.probability(warm.argmax()));
    }

    @Test
    void gives_equal_cards_equal_probabilities() {
        AgentCard first = ThreeCards.card(
                AgentId.of("reader-a"),
                "Invoice Reader",
                "Reads invoices",
                new Skill("extract", "Extraction", "Extracts invoice totals", List.of("invoice"), List.of()));
        AgentCard twin = ThreeCards.card(
                AgentId.of("reader-b"),
                "Invoice Reader",
                "Reads invoices",
                new Skill("extract", "Extraction", "Extracts invoice totals", List.of("invoice"), List.of()));
        EmbeddedRouter twins = EmbeddedRouter.of(POOL.plus(List.of(first, twin)), EmbeddedRouterConfig.defaults());
        Task task = task("Extract the invoice total");

        Policy policy = twins.policy(task, task.subtasks().getFirst());

        assertThat(policy.probability(first.id())).isEqualTo(policy.probability(twin.id()));
    }

    @Test
    void gives_the_uniform_distribution_to_a_step_that_matches_no_card() {
        Task task = task("Compose a sonnet about lighthouses");

        Policy policy = router.policy(task, task.subtasks().getFirst());

        assertThat(policy).isEqualTo(Policy.uniform(POOL.ids()));
        assertThat(policy.argmax()).isEqualTo(INVOICES);
    }

    @Test
    void gives_the_same_task_an_identical_plan_every_time() {
        Task task = task("Will it rain in Oslo tomorrow?", "Translate the forecast into Spanish");

        Plan once = router.route(task);
        Plan again = EmbeddedRouter.of(POOL, EmbeddedRouterConfig.defaults()).route(task);

        assertThat(again).isEqualTo(once);
        assertThat(router.policy(task, task.subtasks().get(1)))
                .isEqualTo(once.steps().get(1).policy());
    }

    @Test
    void explains_each_worker_with_its_score_probability_and_the_card_terms_the_step_matched() {
        Task task = task("Translate the PDF invoice into Spanish");

        StepDecision decision = router.decide(task, task.subtasks().getFirst());

        assertThat(decision.scores()).extracting(WorkerScore::worker).containsExactly(INVOICES, WEATHER, TRANSLATOR);
        assertThat(decision.scores())
                .extracting(WorkerScore::because)
                .containsExactly(
                        List.of("matched: pdf, invoice"),
                        List.of("no card term matched"),
                        List.of("matched: translate, spanish"));
        for (WorkerScore score : decision.scores()) {
            assertThat(score.probability()).isEqualTo(decision.policy().probability(score.worker()));
        }
        assertThat(decision.scores().get(1).score()).isZero();
    }

    @Test
    void routes_every_step_of_a_task_to_the_worker_that_fits_it() {
        Task task = task(
                "Will it rain in Oslo tomorrow?",
                "Translate the forecast into Spanish",
                "Extract the total of the PDF invoice");

        Plan plan = router.route(task);

        assertThat(plan.task()).isEqualTo(task.id());
        assertThat(plan.workers()).containsExactly(WEATHER, TRANSLATOR, INVOICES);
    }

    @Test
    void adds_the_task_text_at_its_weight_when_configured() {
        Task task = new Task(
                TaskId.of("t-weighted"),
                "Translate the invoice",
                List.of(new Subtask(0, "Convert it to Spanish", List.of())));
        EmbeddedRouter weighted =
                EmbeddedRouter.of(POOL, EmbeddedRouterConfig.defaults().withTaskTextWeight(0.5));
        CardIndex index = CardIndex.of(POOL);

        List<RawScore> scores = weighted.scores(task, task.subtasks().getFirst());

        double[] step = index.scores("Convert it to Spanish");
        double[] whole = index.scores("Translate the invoice");
        assertThat(scores)
                .extracting(RawScore::score)
                .containsExactly(step[0] + 0.5 * whole[0], step[1] + 0.5 * whole[1], step[2] + 0.5 * whole[2]);
        assertThat(scores.get(0).because()).containsExactly("no card term matched", "task matched: invoice");
    }

    @Test
    void turns_scores_shifted_and_masked_by_a_later_stage_into_the_decision() {
        Task task = task("Extract the total of the PDF invoice");
        Subtask step = task.subtasks().getFirst();
        List<RawScore> scores = new ArrayList<>(router.scores(task, step));
        scores.set(0, scores.get(0).masked("memory: invoice-reader fails on scanned PDFs"));
        scores.set(2, scores.get(2).shifted(2.0, "memory: translator reads invoices well"));

        StepDecision decision = router.decide(step, scores);

        assertThat(decision.worker()).isEqualTo(TRANSLATOR);
        assertThat(decision.policy().probability(INVOICES)).isZero();
        assertThat(decision.scores().get(0).because())
                .containsExactly(
                        "matched: extract, total, pdf, invoice", "memory: invoice-reader fails on scanned PDFs");
        assertThat(decision.scores().get(2).score()).isEqualTo(2.0);
    }

    @Test
    void rejects_scores_that_do_not_follow_the_pool_order() {
        Task task = task("Extract the total of the PDF invoice");
        Subtask step = task.subtasks().getFirst();
        List<RawScore> scores = new ArrayList<>(router.scores(task, step));
        Collections.swap(scores, 0, 1);

        assertThatThrownBy(() -> router.decide(step, scores))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score 0 of step 0 is for 'weather' but the pool has 'invoice-reader' there");
    }

    @Test
    void rejects_a_step_that_is_not_part_of_the_task() {
        Task task = task("Extract the total of the PDF invoice");
        Subtask stranger = new Subtask(0, "Translate this", List.of());

        assertThatThrownBy(() -> router.decide(task, stranger))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step 0 'Translate this' is not a step of task 't-1'");
    }

    @Test
    void rejects_an_empty_pool() {
        assertThatThrownBy(() -> EmbeddedRouter.of(Pool.of(List.of()), EmbeddedRouterConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an embedded router needs at least one worker; the pool is empty");
    }

    @Test
    void sends_a_weather_question_to_the_weather_agent_among_ten_real_cards() {
        EmbeddedRouter real = EmbeddedRouter.of(RealCards.tenCards(), EmbeddedRouterConfig.defaults());
        Task task = task("What's the weather going to be in Oslo this weekend?");

        StepDecision decision = real.decide(task, task.subtasks().getFirst());

        assertThat(decision.worker()).isEqualTo(AgentId.of("weather-agent"));
        assertThat(decision.policy().probability(decision.worker())).isGreaterThan(0.5);
    }

    private static Task task(String... steps) {
        List<Subtask> subtasks = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            subtasks.add(new Subtask(i, steps[i], i == 0 ? List.of() : List.of(i - 1)));
        }
        return new Task(TaskId.of("t-" + steps.length), String.join(" ", steps), subtasks);
    }
}
