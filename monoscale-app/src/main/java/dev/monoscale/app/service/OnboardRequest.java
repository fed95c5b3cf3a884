package dev.monoscale.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GateRule;
import dev.monoscale.onboarding.RoundConfig;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /api/v1/onboard} asks for: the new worker's card, by URL ({@code cardUrl}) or inline
 * ({@code card}), and the round's settings. The settings default to {@link RoundConfig#defaults()}'s, as
 * {@code onboard}'s flags do, and get {@link RoundConfig}'s and {@link GateConfig}'s range checks, reported under
 * the request's field.
 *
 * @param round the round's settings: {@code round.warmupTasks}, {@code round.samples}, {@code round.delta},
 *     {@code round.alpha}, {@code round.gate} (legacy, holdout or confirm), {@code round.looks}, {@code round.seed}
 * @param gated false when the request sets {@code round.noGate} (the benchmarks' ablation)
 */
public record OnboardRequest(
        @Nullable String cardUrl, @Nullable JsonNode card, RoundConfig round, boolean gated) {

    private static final String WHERE = "POST /api/v1/onboard";

    /** The request field of each setting, by the name the config records' range checks give it. */
    private static final Map<String, String> FIELDS = Map.of(
            RoundConfig.WARMUP_TASKS,
            "round.warmupTasks",
            RoundConfig.SAMPLES,
            "round.samples",
            GateConfig.DELTA,
            "round.delta",
            GateConfig.ALPHA,
            "round.alpha",
            GateConfig.LOOKS_NAME,
            "round.looks",
            GateConfig.CONFIRM_SAMPLES,
            "round.confirmSamples");

    /** Reads a request body; an input error naming the field for anything missing or out of range. */
    public static OnboardRequest of(JsonNode body) {
        String url =
                body.path("cardUrl").isTextual() ? body.path("cardUrl").asText().strip() : null;
        JsonNode card = body.path("card").isObject() ? body.path("card") : null;
        if ((url == null || url.isEmpty()) == (card == null)) {
            throw new InvalidInputException(
                    WHERE,
                    "cardUrl/card",
                    url == null && card == null ? "(both missing)" : "(both given)",
                    "exactly one: cardUrl (an A2A agent's base or card URL) or card (the card's JSON)");
        }
        JsonNode options = body.path("round");
        RoundConfig defaults = RoundConfig.defaults();
        GateConfig gate = defaults.gate();
        RoundConfig round;
        try {
            GateRule rule = options.has("gate")
                    ? GateRule.parse(WHERE, options.path("gate").asText())
                    : gate.rule();
            round = new RoundConfig(
                    options.path("warmupTasks").asInt(defaults.warmupTasks()),
                    options.path("samples").asInt(defaults.samples()),
                    new GateConfig(
                            options.path("delta").asDouble(gate.delta()),
                            options.path("alpha").asDouble(gate.alpha()),
                            gate.resamples(),
                            rule,
                            options.path("looks").asInt(gate.looks()),
                            options.path("confirmSamples").asInt(gate.confirmSamples())),
                    options.path("seed").asLong(defaults.seed()));
        } catch (InvalidInputException e) {
            String field = FIELDS.get(e.field());
            throw field == null ? e.from(WHERE) : e.at(WHERE, field);
        }
        return new OnboardRequest(url, card, round, !options.path("noGate").asBoolean(false));
    }
}
