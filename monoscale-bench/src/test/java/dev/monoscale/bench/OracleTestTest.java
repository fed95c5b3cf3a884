package dev.monoscale.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The yardstick for a gate's power: the test that knows which candidate to test and where it changes the route. */
class OracleTestTest {

    // four tasks of equal weight; the candidate changes the plan on the first two only
    private static final double[] WEIGHTS = {0.25, 0.25, 0.25, 0.25};
    private static final double[] LIFT = {0.5, 0.5, 0.9, 0.1};
    private static final double[] CANDIDATE = {0.9, 0.7, 0.9, 0.1};

    @Test
    void the_contrast_covers_only_the_tasks_where_the_plans_differ() {
        OracleTest test = OracleTest.of(CANDIDATE, LIFT, WEIGHTS);

        assertThat(test.changedShare()).isEqualTo(0.5);
        assertThat(test.changedGain()).isCloseTo(0.3, within(1e-12));
        assertThat(test.betweenVariance()).isCloseTo(0.01, within(1e-12));
        // (0.9·0.1 + 0.5·0.5 + 0.7·0.3 + 0.5·0.5) / 2
        assertThat(test.withinVariance()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void power_grows_with_the_tasks_and_the_runs_and_reaches_the_target_at_the_tasks_it_asks_for() {
        OracleTest test = OracleTest.of(CANDIDATE, LIFT, WEIGHTS);
        int needed = test.tasksFor(0.8, 2, 0.05);

        assertThat(test.power(needed, 2, 0.05)).isGreaterThanOrEqualTo(0.8);
        assertThat(test.power(needed - 1, 2, 0.05)).isLessThan(0.8);
        assertThat(test.power(needed, 4, 0.05)).isGreaterThan(test.power(needed, 2, 0.05));
        assertThat(test.power(4 * needed, 2, 0.05)).isGreaterThan(0.99);
    }

    @Test
    void a_candidate_that_changes_nothing_or_loses_is_never_counted_as_adopted() {
        assertThat(OracleTest.of(LIFT, LIFT, WEIGHTS).power(1000, 2, 0.05)).isZero();
        assertThat(OracleTest.of(LIFT, CANDIDATE, WEIGHTS).power(1000, 2, 0.05)).isZero();
        assertThat(OracleTest.of(LIFT, CANDIDATE, WEIGHTS).tasksFor(0.8, 2, 0.05))
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void the_normal_distribution_function_matches_its_known_values() {
        assertThat(OracleTest.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(OracleTest.normalCdf(1.6448536)).isCloseTo(0.95, within(1e-6));
        assertThat(OracleTest.normalCdf(-1.959964)).isCloseTo(0.025, within(1e-6));
    }
}
