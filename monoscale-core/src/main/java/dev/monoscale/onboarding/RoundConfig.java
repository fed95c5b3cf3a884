package dev.monoscale.onboarding;

import dev.monoscale.core.InvalidInputException;
import java.util.Locale;

/**
 * The knobs of one onboarding round, with the defaults of DESIGN.md §4.
 *
 * @param tasksPerWorker warm-up tasks synthesized per new worker, in [1, 10000] (default 50)
 * @param samples runs per warm-up task, in [1, 64] (default 4); half force the new worker at the probed step
 * @param delta the trust region: the largest mean KL(π↑ ‖ π') an accepted memory may have, in (0, 10] nats
 *     (default 2.5)
 * @param alpha one-sided level of the gain's lower confidence bound, in (0, 0.5) (default 0.05)
 * @param resamples paired-bootstrap resamples, in [100, 100000] (default 1000)
 * @param seed the seed of every random choice the round makes
 * @param looks how many batches the warm-up runs in, the gate deciding after each, in [1, 20] (default 3); the
 *     budget {@code tasksPerWorker} is the most a round spends
 * @param gate the rule that decides (default {@link GateRule#LEGACY}; see docs/gate.md for why not yet the holdout rule)
 */
public record RoundConfig(int tasksPerWorker, int samples, double delta, double alpha, int resamples, long seed, int looks,
        GateRule gate) {

    /** The default number of looks of a sequential warm-up. */
    public static final int LOOKS = 3;

    /** A configuration with the default looks and gate. */
    public RoundConfig(int tasksPerWorker, int samples, double delta, double alpha, int resamples, long seed) {
        this(tasksPerWorker, samples, delta, alpha, resamples, seed, LOOKS, GateRule.LEGACY);
    }

    public RoundConfig {
        check("tasks per worker", tasksPerWorker, tasksPerWorker >= 1 && tasksPerWorker <= 10_000, "a whole number in [1, 10000]");
        check("samples", samples, samples >= 1 && samples <= 64, "a whole number in [1, 64]");
        check("delta", delta, delta > 0 && delta <= 10, "a number in (0, 10]");
        check("alpha", alpha, alpha > 0 && alpha < 0.5, "a number in (0, 0.5)");
        check("resamples", resamples, resamples >= 100 && resamples <= 100_000, "a whole number in [100, 100000]");
        check("looks", looks, looks >= 1 && looks <= 20, "a whole number in [1, 20]");
        if (gate == null) {
            throw new InvalidInputException("round config", "gate", "null", "one of " + java.util.Arrays.toString(GateRule.values()));
        }
    }

    public static RoundConfig defaults() {
        return new RoundConfig(50, 4, 2.5, 0.05, 1000, 1);
    }

    public RoundConfig withSeed(long newSeed) {
        return new RoundConfig(tasksPerWorker, samples, delta, alpha, resamples, newSeed, looks, gate);
    }

    public RoundConfig withGate(GateRule rule) {
        return new RoundConfig(tasksPerWorker, samples, delta, alpha, resamples, seed, looks, rule);
    }

    public RoundConfig withLooks(int newLooks) {
        return new RoundConfig(tasksPerWorker, samples, delta, alpha, resamples, seed, newLooks, gate);
    }

    private static void check(String name, double value, boolean ok, String allowed) {
        if (!ok) {
            String shown = value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
            throw new InvalidInputException("round config", name, shown, allowed);
        }
    }
}
