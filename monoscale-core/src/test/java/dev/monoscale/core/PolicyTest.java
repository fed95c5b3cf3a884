package dev.monoscale.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {

    private static final List<AgentId> WORKERS = List.of(AgentId.of("a"), AgentId.of("b"), AgentId.of("c"));

    @Test
    void softmax_is_a_distribution_that_prefers_the_higher_score() {
        Policy policy = Policy.softmax(WORKERS, new double[] {2.0, 1.0, 0.0}, 1.0);

        assertThat(policy.probability(0) + policy.probability(1) + policy.probability(2))
                .isCloseTo(1.0, within(1e-12));
        assertThat(policy.probability(AgentId.of("a"))).isGreaterThan(policy.probability(AgentId.of("b")));
        assertThat(policy.argmax()).isEqualTo(AgentId.of("a"));
    }

    @Test
    void a_lower_temperature_sharpens_the_distribution() {
        double warm = Policy.softmax(WORKERS, new double[] {2, 1, 0}, 2.0).probability(0);
        double cold = Policy.softmax(WORKERS, new double[] {2, 1, 0}, 0.5).probability(0);

        assertThat(cold).isGreaterThan(warm);
    }

    @Test
    void a_masked_worker_gets_no_probability() {
        Policy policy = Policy.softmax(WORKERS, new double[] {Double.NEGATIVE_INFINITY, 1, 1}, 1.0);

        assertThat(policy.probability(AgentId.of("a"))).isZero();
        assertThat(policy.probability(AgentId.of("b"))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void ties_go_to_the_worker_that_joined_first() {
        assertThat(Policy.uniform(WORKERS).argmax()).isEqualTo(AgentId.of("a"));
    }

    @Test
    void kl_divergence_is_zero_for_equal_policies_and_infinite_off_the_support() {
        Policy lift = Policy.of(WORKERS, new double[] {0.5, 0.5, 0});
        Policy moved = Policy.of(WORKERS, new double[] {0.4, 0.4, 0.2});

        assertThat(lift.klDivergence(lift)).isZero();
        assertThat(lift.klDivergence(moved)).isCloseTo(Math.log(0.5 / 0.4), within(1e-12));
        assertThat(moved.klDivergence(lift)).isInfinite();
    }

    @Test
    void sampling_follows_the_cumulative_probabilities() {
        Policy policy = Policy.of(WORKERS, new double[] {0.2, 0.3, 0.5});

        assertThat(policy.sample(0.1)).isEqualTo(AgentId.of("a"));
        assertThat(policy.sample(0.4)).isEqualTo(AgentId.of("b"));
        assertThat(policy.sample(0.99)).isEqualTo(AgentId.of("c"));
    }

    @Test
    void rejects_probabilities_that_do_not_sum_to_one() {
        assertThatThrownBy(() -> Policy.of(WORKERS, new double[] {0.5, 0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probabilities sum to 1.5, not 1");
    }
}
