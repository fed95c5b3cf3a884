package dev.monoscale.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbeddedRouterConfigTest {

    @Test
    void defaults_to_temperature_one_and_no_task_text() {
        EmbeddedRouterConfig config = EmbeddedRouterConfig.defaults();

        assertThat(config.temperature()).isEqualTo(1.0);
        assertThat(config.taskTextWeight()).isZero();
    }

    @Test
    void accepts_the_edges_of_the_allowed_ranges() {
        EmbeddedRouterConfig flattest = new EmbeddedRouterConfig(100, 1);
        EmbeddedRouterConfig sharpest = new EmbeddedRouterConfig(Double.MIN_VALUE, 0);

        assertThat(flattest.temperature()).isEqualTo(100);
        assertThat(sharpest.temperature()).isEqualTo(Double.MIN_VALUE);
    }

    @ParameterizedTest
    @CsvSource({"0.0", "-1.0", "100.5", "NaN", "Infinity"})
    void rejects_a_temperature_outside_zero_to_one_hundred(double temperature) {
        assertThatThrownBy(() -> EmbeddedRouterConfig.defaults().withTemperature(temperature))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature must be in (0, 100], was " + temperature);
    }

    @Test
    void rejects_a_zero_temperature_with_a_message_that_quotes_the_value_and_the_range() {
        assertThatThrownBy(() -> new EmbeddedRouterConfig(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature must be in (0, 100], was 0.0");
    }

    @Test
    void rejects_a_task_text_weight_outside_zero_to_one() {
        assertThatThrownBy(() -> new EmbeddedRouterConfig(1, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task text weight must be in [0, 1], was 1.5");
    }
}
