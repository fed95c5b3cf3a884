package dev.monoscale.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void the_same_seed_and_parts_give_the_same_number() {
        assertThat(Seeds.uniform(7, "task-1", 0, "worker")).isEqualTo(Seeds.uniform(7, "task-1", 0, "worker"));
    }

    @Test
    void another_seed_or_part_gives_another_number() {
        double base = Seeds.uniform(7, "task-1", 0);

        assertThat(Seeds.uniform(8, "task-1", 0)).isNotEqualTo(base);
        assertThat(Seeds.uniform(7, "task-1", 1)).isNotEqualTo(base);
        assertThat(Seeds.uniform(7, "task-10")).isNotEqualTo(Seeds.uniform(7, "task-1", 0));
    }

    @Test
    void uniforms_are_in_the_unit_interval_with_mean_one_half() {
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            double u = Seeds.uniform(42, "draw", i);
            assertThat(u).isBetween(0.0, 1.0).isNotEqualTo(1.0);
            sum += u;
        }

        assertThat(sum / 100_000).isCloseTo(0.5, within(0.01));
    }
}
