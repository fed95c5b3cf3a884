package dev.monoscale.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.gate.GateRule;
import dev.monoscale.onboarding.RoundConfig;
import org.junit.jupiter.api.Test;

/** A request's round settings default, and are checked, exactly as onboard's flags are: through RoundConfig. */
class OnboardRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_request_without_round_settings_gets_the_defaults_of_round_config() throws Exception {
        OnboardRequest request = OnboardRequest.of(json("{\"cardUrl\": \"http://127.0.0.1:9/\"}"));

        assertThat(request.round()).isEqualTo(RoundConfig.defaults());
        assertThat(request.gated()).isTrue();
    }

    @Test
    void each_round_setting_of_the_request_reaches_the_round_config() throws Exception {
        OnboardRequest request = OnboardRequest.of(json("""
                {"card": {"name": "Echo"}, "round": {"warmupTasks": 20, "samples": 2, "delta": 1.5, "alpha": 0.1,
                 "gate": "holdout", "looks": 2, "seed": 7, "noGate": true}}"""));

        RoundConfig round = request.round();
        assertThat(round.warmupTasks()).isEqualTo(20);
        assertThat(round.samples()).isEqualTo(2);
        assertThat(round.gate().delta()).isEqualTo(1.5);
        assertThat(round.gate().alpha()).isEqualTo(0.1);
        assertThat(round.gate().rule()).isEqualTo(GateRule.HOLDOUT);
        assertThat(round.gate().looks()).isEqualTo(2);
        assertThat(round.seed()).isEqualTo(7);
        assertThat(request.gated()).isFalse();
    }

    @Test
    void a_setting_out_of_range_is_refused_under_its_request_field_with_round_configs_range() {
        assertThatThrownBy(() -> OnboardRequest.of(json("{\"cardUrl\": \"http://x\", \"round\": {\"delta\": 11}}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("POST /api/v1/onboard: round.delta = 11.0; allowed: a number in (0, 10]");
        assertThatThrownBy(() -> OnboardRequest.of(json("{\"cardUrl\": \"http://x\", \"round\": {\"samples\": 65}}")))
                .hasMessage("POST /api/v1/onboard: round.samples = 65; allowed: a whole number in [1, 64]");
        assertThatThrownBy(
                        () -> OnboardRequest.of(json("{\"cardUrl\": \"http://x\", \"round\": {\"gate\": \"strict\"}}")))
                .hasMessage("POST /api/v1/onboard: gate rule = 'strict'; allowed: legacy, holdout or confirm");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
