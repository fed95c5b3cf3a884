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
}
