package dev.monoscale.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryRouterConfigTest {

    @Test
    void the_defaults_let_up_to_100_examples_sharing_a_fifth_of_their_words_apply() {
        MemoryRouterConfig defaults = MemoryRouterConfig.defaults();

        assertThat(defaults.exampleCoverage()).isEqualTo(0.2);
        assertThat(defaults.examples()).isEqualTo(100);
    }

    @Test
    void zero_examples_turns_them_off_and_a_negative_count_is_refused() {
        assertThat(new MemoryRouterConfig(8, 1024, 0.5, 3, 6, 0.2, 0).examples())
                .isZero();
        assertThatThrownBy(() -> new MemoryRouterConfig(8, 1024, 0.5, 3, 6, 0.2, -1))
                .hasMessage("examples must be a whole number in [0, 1000], was -1");
    }

    @Test
    void an_example_coverage_of_zero_would_apply_every_example_everywhere_and_is_refused() {
        assertThatThrownBy(() -> new MemoryRouterConfig(8, 1024, 0.5, 3, 6, 0, 100))
                .hasMessage("example coverage must be a number in (0, 1], was 0.0");
    }
}
