package dev.monoscale.app.cli;

import dev.monoscale.core.InvalidInputException;
import dev.monoscale.onboarding.RoundConfig;
import java.util.Locale;

/** Builds a {@link RoundConfig} from command-line flags, naming the flag when a value is out of range. */
final class RoundFlags {

    private RoundFlags() {}

    static RoundConfig round(int warmupTasks, int samples, double delta, double alpha, long seed) {
        if (warmupTasks < 1 || warmupTasks > 10_000) {
            throw new InvalidInputException("--warmup-tasks", "warm-up tasks per worker", Integer.toString(warmupTasks), "a whole number in [1, 10000]");
        }
        if (samples < 1 || samples > 64) {
            throw new InvalidInputException("--samples", "samples per warm-up task", Integer.toString(samples), "a whole number in [1, 64]");
        }
        if (!(delta > 0 && delta <= 10)) {
            throw new InvalidInputException("--delta", "trust region delta", String.format(Locale.ROOT, "%s", delta), "a number in (0, 10]");
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new InvalidInputException("--alpha", "confidence level alpha", String.format(Locale.ROOT, "%s", alpha), "a number in (0, 0.5)");
        }
        return new RoundConfig(warmupTasks, samples, delta, alpha, RoundConfig.defaults().resamples(), seed);
    }
}
