package dev.monoscale.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.AgentId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawScoreTest {

    private final RawScore score = new RawScore(AgentId.of("weather"), 1.5, List.of("matched: rain"));

    @Test
    void adds_a_shift_and_its_reason() {
        RawScore shifted = score.shifted(-0.5, "memory: avoid for long forecasts");

        assertThat(shifted)
                .isEqualTo(new RawScore(
                        AgentId.of("weather"), 1.0, List.of("matched: rain", "memory: avoid for long forecasts")));
    }

    @Test
    void masks_to_negative_infinity_with_its_reason() {
        RawScore masked = score.masked("not validated yet");

        assertThat(masked.score()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(masked.because()).containsExactly("matched: rain", "not validated yet");
    }

    @Test
    void rejects_a_score_that_the_softmax_cannot_use() {
        assertThatThrownBy(() -> new RawScore(AgentId.of("weather"), Double.NaN, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score of worker 'weather' must be finite or negative infinity, was NaN");
    }
}
