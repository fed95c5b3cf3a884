package dev.monoscale.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionsTest {

    @Test
    void wilson_interval_matches_the_textbook_value() {
        // 81 of 263: the worked example in Wilson (1927) style references gives [0.2553, 0.3662]
        Interval ci = Proportions.wilson(81, 263, Proportions.Z95);

        assertThat(ci.low()).isCloseTo(0.2553, within(1e-4));
        assertThat(ci.high()).isCloseTo(0.3662, within(1e-4));
    }

    @Test
    void wilson_interval_stays_inside_zero_and_one_at_the_edges() {
        assertThat(Proportions.wilson(0, 10, Proportions.Z95).low()).isZero();
        assertThat(Proportions.wilson(10, 10, Proportions.Z95).high()).isEqualTo(1.0);
        assertThat(Proportions.wilson(10, 10, Proportions.Z95).low()).isLessThan(1.0);
    }

    @Test
    void more_trials_give_a_narrower_interval() {
        assertThat(Proportions.wilson(500, 1000, Proportions.Z95).width())
                .isLessThan(Proportions.wilson(50, 100, Proportions.Z95).width());
    }

    @Test
    void the_binomial_tail_is_summed_exactly() {
        // P(Binomial(7, 1/2) >= 5) = (21 + 7 + 1) / 128
        assertThat(Proportions.binomialUpperTail(7, 5, 0.5)).isCloseTo(29.0 / 128, within(1e-15));
        assertThat(Proportions.binomialUpperTail(6, 6, 0.5)).isEqualTo(1.0 / 64);
        assertThat(Proportions.binomialUpperTail(6, 0, 0.3)).isEqualTo(1.0);
        assertThat(Proportions.binomialUpperTail(6, 7, 0.3)).isZero();
    }

    @Test
    void the_clopper_pearson_lower_bound_is_where_the_tail_equals_alpha() {
        // n of n: alpha^(1/n); 3 of 10 at 0.05: the textbook 0.0873
        assertThat(Proportions.clopperPearsonLower(6, 6, 0.045)).isCloseTo(Math.pow(0.045, 1.0 / 6), within(1e-12));
        assertThat(Proportions.clopperPearsonLower(10, 3, 0.05)).isCloseTo(0.0873, within(1e-4));
        assertThat(Proportions.binomialUpperTail(10, 3, Proportions.clopperPearsonLower(10, 3, 0.05)))
                .isCloseTo(0.05, within(1e-9));
        assertThat(Proportions.clopperPearsonLower(10, 0, 0.05)).isZero();
    }
}
