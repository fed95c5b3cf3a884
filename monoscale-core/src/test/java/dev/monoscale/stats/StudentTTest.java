package dev.monoscale.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values from standard t and normal tables. */
class StudentTTest {

    @Test
    void the_normal_quantiles_match_the_tables() {
        assertThat(StudentT.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(StudentT.normalQuantile(0.95)).isCloseTo(1.644854, within(1e-6));
        assertThat(StudentT.normalQuantile(0.995)).isCloseTo(2.575829, within(1e-6));
        assertThat(StudentT.normalQuantile(0.01)).isCloseTo(-2.326348, within(1e-6));
    }

    @Test
    void the_t_quantiles_match_the_tables_within_half_a_percent() {
        assertThat(StudentT.quantile(0.975, 10)).isCloseTo(2.228, within(2.228 * 0.005));
        assertThat(StudentT.quantile(0.95, 30)).isCloseTo(1.697, within(1.697 * 0.005));
        assertThat(StudentT.quantile(0.995, 5)).isCloseTo(4.032, within(4.032 * 0.01));
        assertThat(StudentT.quantile(0.99, 24)).isCloseTo(2.492, within(2.492 * 0.005));
        assertThat(StudentT.quantile(0.95, 1000)).isCloseTo(1.646, within(0.002));
    }

    @Test
    void the_lower_bound_is_the_mean_less_t_standard_errors() {
        double[] values = {0, 1, 1, 0, 1, 1, 1, 0, 1, 1};
        double mean = 0.7;
        double sd = Math.sqrt((7 * 0.09 + 3 * 0.49) / 9);

        assertThat(StudentT.lowerBound(values, 0.05))
                .isCloseTo(mean - StudentT.quantile(0.95, 9) * sd / Math.sqrt(10), within(1e-12));
        assertThat(StudentT.lowerBound(values, 0.05)).isCloseTo(0.7 - 1.833 * sd / Math.sqrt(10), within(0.005));
    }

    @Test
    void refuses_what_it_cannot_bound() {
        assertThatThrownBy(() -> StudentT.lowerBound(new double[] {1}, 0.05)).hasMessageContaining("at least 2 values");
        assertThatThrownBy(() -> StudentT.normalQuantile(1)).hasMessageContaining("p must be in (0, 1)");
    }
}
