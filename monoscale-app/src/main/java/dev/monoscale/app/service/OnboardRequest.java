package dev.monoscale.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /api/v1/onboard} asks for: the new worker's card, by URL ({@code cardUrl}) or inline
 * ({@code card}), and the round's options, which default as {@code onboard}'s flags do.
 */
public record OnboardRequest(@Nullable String cardUrl, @Nullable JsonNode card, int warmupTasks, int samples, double delta,
        double alpha, long seed, boolean gated) {

    /** Reads a request body; an input error naming the field for anything missing or out of range. */
    public static OnboardRequest of(JsonNode body) {
        String where = "POST /api/v1/onboard";
        String url = body.path("cardUrl").isTextual() ? body.path("cardUrl").asText().strip() : null;
        JsonNode card = body.path("card").isObject() ? body.path("card") : null;
        if ((url == null || url.isEmpty()) == (card == null)) {
            throw new InvalidInputException(where, "cardUrl/card", url == null && card == null ? "(both missing)" : "(both given)",
                    "exactly one: cardUrl (an A2A agent's base or card URL) or card (the card's JSON)");
        }
        JsonNode options = body.path("round");
        int warmup = options.path("warmupTasks").asInt(50);
        int samples = options.path("samples").asInt(4);
        if (warmup < 1 || warmup > 10_000) {
            throw new InvalidInputException(where, "round.warmupTasks", Integer.toString(warmup), "1 to 10000");
        }
        if (samples < 1 || samples > 64) {
            throw new InvalidInputException(where, "round.samples", Integer.toString(samples), "1 to 64");
        }
        return new OnboardRequest(url, card, warmup, samples, options.path("delta").asDouble(2.5), options.path("alpha").asDouble(0.05),
                options.path("seed").asLong(1), !options.path("noGate").asBoolean(false));
    }
}
