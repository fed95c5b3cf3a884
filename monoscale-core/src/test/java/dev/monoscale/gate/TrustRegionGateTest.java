package dev.monoscale.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.testkit.FixedRouter;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrustRegionGateTest {

    private static final AgentId OLD = AgentId.of("old");
    private static final AgentId NEW = AgentId.of("new");
    private static final List<AgentId> POOL = List.of(OLD, NEW);

    /** Q̂: the new worker passes 90% of the time on every point, the old one 40%. */
    private static final ValueEstimates Q = ValueEstimatesFixture.of(OLD, 0.4, NEW, 0.9);

    private final List<EvaluationPoint> points = IntStream.range(0, 40)
            .mapToObj(i -> new Task(TaskId.of("x" + i), "t", List.of(new Subtask(0, "step", List.of()))))
            .map(task -> new EvaluationPoint(task, task.subtasks().getFirst(), List.of(), 0))
            .toList();
    private final PolicyRouter lift = fixed(1.0);

    @Test
    void accepts_the_candidate_with_the_largest_gain_inside_the_trust_region() {
        var outcome = gate(2.0)
                .decide(points, lift, List.of(candidate("small", 0.7), candidate("large", 0.3)), Q, List.of(NEW), true);

        assertThat(outcome.record().outcome()).isEqualTo(GateRecord.Outcome.ACCEPTED);
        assertThat(outcome.record().chosen()).contains("large");
        assertThat(outcome.accepted()).contains(1);
        var large = outcome.record().candidates().get(1);
        assertThat(large.gain()).isCloseTo(0.7 * 0.5, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(large.kl()).isCloseTo(Math.log(1 / 0.3), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void a_candidate_beyond_delta_is_never_accepted_however_large_its_gain() {
        var outcome = gate(0.5).decide(points, lift, List.of(candidate("large", 0.3)), Q, List.of(NEW), true);

        assertThat(outcome.record().outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
        assertThat(outcome.record().candidates().getFirst().withinTrustRegion()).isFalse();
        assertThat(outcome.accepted()).isEmpty();
    }

    @Test
    void a_candidate_whose_gain_bound_is_not_above_zero_falls_back_to_the_lift() {
        ValueEstimates worse = ValueEstimatesFixture.of(OLD, 0.6, NEW, 0.2);

        var outcome = gate(5).decide(points, lift, List.of(candidate("worse", 0.5)), worse, List.of(NEW), true);

        assertThat(outcome.record().outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
        assertThat(outcome.record().candidates().getFirst().gainLow()).isNegative();
        assertThat(outcome.record().reason())
                .isEqualTo(
                        "no candidate inside the trust region had a gain whose lower bound is above 0, so the conservative lift was kept");
    }

    @Test
    void a_candidate_that_changes_nothing_gains_nothing_and_is_not_accepted() {
        var outcome = gate(5).decide(points, lift, List.of(candidate("same", 1.0)), Q, List.of(NEW), true);

        assertThat(outcome.record().candidates().getFirst().gain()).isZero();
        assertThat(outcome.record().outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
    }

    @Test
    void with_the_gate_off_the_widest_candidate_is_taken_whatever_its_numbers() {
        ValueEstimates worse = ValueEstimatesFixture.of(OLD, 0.6, NEW, 0.2);

        var outcome = gate(0.1)
                .decide(points, lift, List.of(candidate("a", 0.9), candidate("b", 0.1)), worse, List.of(NEW), false);

        assertThat(outcome.record().outcome()).isEqualTo(GateRecord.Outcome.UNGATED);
        assertThat(outcome.accepted()).contains(1);
    }

    @Test
    void refuses_a_delta_outside_zero_to_ten() {
        assertThatThrownBy(() -> GateConfig.defaults().withDelta(0))
                .hasMessage("round config: trust region delta = 0.0; allowed: a number in (0, 10]");
        assertThatThrownBy(() -> GateConfig.defaults().withDelta(10.5))
                .hasMessage("round config: trust region delta = 10.5; allowed: a number in (0, 10]");
    }

    private static TrustRegionGate gate(double delta) {
        return new TrustRegionGate(new GateConfig(delta, 0.05, 500), 7);
    }

    private static TrustRegionGate.Candidate candidate(String name, double oldShare) {
        return new TrustRegionGate.Candidate(name, 1, fixed(oldShare));
    }

    /** A router that gives the old worker {@code oldShare} at every step and the new one the rest. */
    private static PolicyRouter fixed(double oldShare) {
        return FixedRouter.of(POOL, Policy.of(POOL, new double[] {oldShare, 1 - oldShare}));
    }
}
