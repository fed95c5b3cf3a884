package dev.monoscale.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.testkit.FixedRouter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The holdout gate: a candidate is chosen on the selection tasks and accepted only on the evidence of held-out tasks
 * it was not built from, with alpha spent across the looks of a sequential warm-up.
 */
class HoldoutGateTest {

    private static final AgentId OLD = AgentId.of("old");
    private static final AgentId NEW = AgentId.of("new");
    private static final List<AgentId> POOL = List.of(OLD, NEW);

    private final List<EvaluationPoint> selection = points("s", 30);
    private final List<EvaluationPoint> test = points("t", 30);
    /** The lift deploys the old worker everywhere. */
    private final PolicyRouter lift = fixed(1.0);
    /** A candidate that deploys the new worker everywhere, within KL log(1/0.3) ≈ 1.2 of the lift. */
    private final TrustRegionGate.Candidate toNew = new TrustRegionGate.Candidate("to-new", 1, fixed(0.3));

    @Test
    void a_candidate_that_gains_on_both_halves_is_accepted_with_its_held_out_numbers() {
        TaskOutcomes outcomes = outcomes(i -> true, i -> i % 5 != 0);

        var decision = gate(1).decide(1, selection, test, lift, List.of(toNew), outcomes, List.of(NEW));

        assertThat(decision.record().outcome()).isEqualTo(GateRecord.Outcome.ACCEPTED);
        assertThat(decision.accepted()).contains(0);
        assertThat(decision.stop()).isTrue();
        GateRecord.HoldoutTest held = decision.record().test().orElseThrow();
        assertThat(held.candidate()).isEqualTo("to-new");
        assertThat(held.tasks()).isEqualTo(30);
        assertThat(held.gain()).isCloseTo(24 / 30.0, within(1e-9));
        assertThat(held.lowerBound()).isPositive().isLessThan(held.gain());
        assertThat(held.level()).isEqualTo(0.05);
    }

    @Test
    void a_candidate_that_gains_only_on_the_tasks_it_was_chosen_on_is_not_accepted() {
        // the new worker wins every selection task and half the held-out ones, and loses the other half
        TaskOutcomes outcomes = outcomes(i -> true, i -> i % 2 == 0, i -> i % 2 != 0);

        var decision = gate(1).decide(1, selection, test, lift, List.of(toNew), outcomes, List.of(NEW));

        assertThat(decision.record().candidates().getFirst().gain()).isEqualTo(1.0);
        assertThat(decision.record().outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
        assertThat(decision.record().test().orElseThrow().gain()).isZero();
        assertThat(decision.accepted()).isEmpty();
    }

    @Test
    void a_candidate_that_does_not_gain_on_the_selection_tasks_is_never_tested() {
        TaskOutcomes outcomes = outcomes(i -> false, i -> true);

        var decision = gate(1).decide(1, selection, test, lift, List.of(toNew), outcomes, List.of(NEW));

        assertThat(decision.record().outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
        assertThat(decision.record().test()).isEmpty();
        assertThat(decision.record().reason())
                .startsWith(
                        "no candidate inside the trust region gained on the selection tasks where it changes the route");
    }

    @Test
    void a_candidate_beyond_delta_is_never_chosen_however_large_its_gain() {
        TaskOutcomes outcomes = outcomes(i -> true, i -> true);

        var decision =
                new HoldoutGate(0.5, 0.05, 1).decide(1, selection, test, lift, List.of(toNew), outcomes, List.of(NEW));

        assertThat(decision.record().candidates().getFirst().withinTrustRegion())
                .isFalse();
        assertThat(decision.record().outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
    }

    @Test
    void the_looks_spend_alpha_in_all_and_the_last_look_spends_most() {
        for (int looks = 1; looks <= 6; looks++) {
            HoldoutGate gate = gate(looks);
            double spent =
                    IntStream.rangeClosed(1, looks).mapToDouble(gate::level).sum();
            assertThat(spent).as("%d looks", looks).isCloseTo(0.05, within(1e-12));
            for (int look = 1; look < looks; look++) {
                assertThat(gate.level(look)).isLessThan(gate.level(looks));
            }
        }
    }

    @Test
    void an_inconclusive_early_look_goes_on_to_the_next_batch_and_the_last_look_ends_the_round() {
        // a real but modest gain: 14 wins, 7 losses, 9 ties on the held-out half
        TaskOutcomes outcomes = outcomes(i -> true, i -> i < 14, i -> i >= 14 && i < 21);

        var early = gate(3).decide(1, selection, test, lift, List.of(toNew), outcomes, List.of(NEW));
        var last = gate(3).decide(3, selection, test, lift, List.of(toNew), outcomes, List.of(NEW));

        assertThat(early.record().outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
        assertThat(early.stop()).isFalse();
        assertThat(last.stop()).isTrue();
        assertThat(last.record().test().orElseThrow().level())
                .isGreaterThan(early.record().test().orElseThrow().level());
    }

    @Test
    void too_few_held_out_tasks_are_not_trusted_to_accept() {
        List<EvaluationPoint> few = points("t", HoldoutGate.MIN_TEST_TASKS - 1);
        TaskOutcomes outcomes = outcomes(i -> true, i -> true);

        var decision = gate(1).decide(1, selection, few, lift, List.of(toNew), outcomes, List.of(NEW));

        assertThat(decision.record().outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
    }

    /**
     * The guarantee, simulated: the new worker is exactly as good as the old one (true gain 0), and the selection
     * half is rigged so the candidate is always chosen. Over 4,000 rounds the gate accepts at most alpha of them,
     * within three standard errors.
     */
    @Test
    void a_candidate_with_no_true_gain_is_accepted_at_most_alpha_of_the_time() {
        SplittableRandom random = new SplittableRandom(2026);
        int rounds = 4000;
        int accepted = 0;
        for (int r = 0; r < rounds; r++) {
            Map<String, Map<AgentId, Double>> byTask = new HashMap<>();
            for (EvaluationPoint x : selection) {
                byTask.put(x.task().id().value(), Map.of(NEW, 1.0, OLD, 0.0));
            }
            for (EvaluationPoint x : test) {
                double p = 0.2 + 0.6 * random.nextDouble();
                byTask.put(
                        x.task().id().value(),
                        Map.of(NEW, random.nextDouble() < p ? 1.0 : 0.0, OLD, random.nextDouble() < p ? 1.0 : 0.0));
            }
            var decision = gate(3).decide(
                            1 + r % 3, selection, test, lift, List.of(toNew), TaskOutcomes.fixed(byTask), List.of(NEW));
            if (!decision.accepted().isEmpty()) {
                accepted++;
            }
        }
        double rate = (double) accepted / rounds;
        assertThat(rate).isLessThanOrEqualTo(0.05 + 3 * Math.sqrt(0.05 * 0.95 / rounds));
    }

    @Test
    void the_gain_at_a_point_is_where_the_candidate_deploys_less_where_the_lift_deploys() {
        EvaluationPoint x = test.getFirst();
        TaskOutcomes outcomes = TaskOutcomes.fixed(Map.of("t0", Map.of(NEW, 0.75, OLD, 0.25)));
        Policy before = Policy.of(POOL, new double[] {0.9, 0.1});

        assertThat(HoldoutGate.gain(x, before, Policy.of(POOL, new double[] {0.2, 0.8}), outcomes))
                .isEqualTo(0.5);
        assertThat(HoldoutGate.gain(x, before, Policy.of(POOL, new double[] {0.6, 0.4}), outcomes))
                .isZero();
    }

    /**
     * Units are accepted or refused one by one: a unit that moves "alpha" steps to the new worker gains on both
     * halves, one that moves "beta" steps gains only on the tasks it was chosen on. Only the first is accepted, and
     * the memory made of it deploys the new worker on the alpha steps alone.
     */
    @Test
    void of_two_units_only_the_one_that_gains_on_held_out_tasks_is_accepted() {
        List<EvaluationPoint> s = patterned("s", 40);
        List<EvaluationPoint> t = patterned("t", 40);
        Map<String, Map<AgentId, Double>> byTask = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            boolean alpha = i % 2 == 0;
            byTask.put("s" + i, Map.of(NEW, 1.0, OLD, 0.0));
            byTask.put("t" + i, alpha ? Map.of(NEW, i % 8 == 0 ? 0.0 : 1.0, OLD, 0.0) : Map.of(NEW, 0.0, OLD, 1.0));
        }
        List<HoldoutGate.Unit> units =
                List.of(new HoldoutGate.Unit(toNewOn("alpha"), "alpha"), new HoldoutGate.Unit(toNewOn("beta"), "beta"));

        var decision = gate(1).decide(
                        1,
                        s,
                        t,
                        lift,
                        units,
                        TaskOutcomes.fixed(byTask),
                        List.of(NEW),
                        passed -> passed.equals(List.of(0)) ? toNewOn("alpha") : toNewOn("alpha", "beta"));

        assertThat(decision.accepted()).containsExactly(0);
        assertThat(decision.record().outcome()).isEqualTo(GateRecord.Outcome.ACCEPTED);
        assertThat(decision.record().chosen()).contains("to-new on alpha");
    }

    /** A memory that changes routing where none of its passed units does is not covered by their tests. */
    @Test
    void a_composed_memory_that_moves_steps_no_passed_unit_moves_is_not_accepted() {
        List<EvaluationPoint> s = patterned("s", 40);
        List<EvaluationPoint> t = patterned("t", 40);
        Map<String, Map<AgentId, Double>> byTask = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            byTask.put("s" + i, Map.of(NEW, 1.0, OLD, 0.0));
            byTask.put("t" + i, Map.of(NEW, i % 2 == 0 ? 1.0 : 0.0, OLD, i % 2 == 0 ? 0.0 : 1.0));
        }
        List<HoldoutGate.Unit> units = List.of(new HoldoutGate.Unit(toNewOn("alpha"), "alpha"));

        var decision = gate(1).decide(
                        1,
                        s,
                        t,
                        lift,
                        units,
                        TaskOutcomes.fixed(byTask),
                        List.of(NEW),
                        passed -> toNewOn("alpha", "beta"));

        assertThat(decision.accepted()).isEmpty();
        assertThat(decision.record().outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
    }

    /** Tasks whose only step reads "alpha" (even i) or "beta" (odd i). */
    private static List<EvaluationPoint> patterned(String prefix, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new Task(
                        TaskId.of(prefix + i), "t", List.of(new Subtask(0, i % 2 == 0 ? "alpha" : "beta", List.of()))))
                .map(task -> new EvaluationPoint(task, task.subtasks().getFirst(), List.of(), 0))
                .toList();
    }

    /** A unit that deploys the new worker at steps whose text is one of {@code texts}, and the old one elsewhere. */
    private static TrustRegionGate.Candidate toNewOn(String... texts) {
        List<String> on = List.of(texts);
        return new TrustRegionGate.Candidate(
                "to-new on " + String.join("+", texts),
                1,
                x -> Policy.of(POOL, on.contains(x.step().text()) ? new double[] {0.3, 0.7} : new double[] {1.0, 0.0}));
    }

    private static HoldoutGate gate(int looks) {
        return new HoldoutGate(2.0, 0.05, looks);
    }

    private TaskOutcomes outcomes(IntPredicate newWinsSelection, IntPredicate newWinsTest) {
        return outcomes(newWinsSelection, newWinsTest, i -> false);
    }

    /** Per task: the winner passes, the other fails; a task nobody wins is a tie (both fail), a loss the old one wins. */
    private TaskOutcomes outcomes(IntPredicate newWinsSelection, IntPredicate newWinsTest, IntPredicate oldWinsTest) {
        Map<String, Map<AgentId, Double>> byTask = new HashMap<>();
        for (int i = 0; i < selection.size(); i++) {
            boolean win = newWinsSelection.test(i);
            byTask.put("s" + i, Map.of(NEW, win ? 1.0 : 0.0, OLD, win ? 0.0 : 1.0));
        }
        for (int i = 0; i < test.size(); i++) {
            byTask.put("t" + i, Map.of(NEW, newWinsTest.test(i) ? 1.0 : 0.0, OLD, oldWinsTest.test(i) ? 1.0 : 0.0));
        }
        return TaskOutcomes.fixed(byTask);
    }

    private static List<EvaluationPoint> points(String prefix, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new Task(TaskId.of(prefix + i), "t", List.of(new Subtask(0, "step", List.of()))))
                .map(task -> new EvaluationPoint(task, task.subtasks().getFirst(), List.of(), 0))
                .toList();
    }

    /** A router that gives the old worker {@code oldShare} at every step and the new one the rest. */
    private static PolicyRouter fixed(double oldShare) {
        return FixedRouter.of(POOL, Policy.of(POOL, new double[] {oldShare, 1 - oldShare}));
    }
}
