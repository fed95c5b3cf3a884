package dev.monoscale.onboarding;

import dev.monoscale.core.InvalidInputException;
import dev.monoscale.gate.GateConfig;
import java.util.Objects;

/**
 * The settings of one onboarding round, with the defaults of DESIGN.md §4 and their only range check: the CLI's
 * options ({@code --warmup-tasks}, {@code --samples}, {@code --delta}, {@code --alpha}), the config file and the
 * Java API all build this record.
 *
 * @param warmupTasks warm-up tasks synthesized per new worker, in [1, 10000] (default 50)
 * @param samples runs per warm-up task, in [1, 64] (default 4); half force the new worker at the probed step
 * @param gate the trust-region gate's settings
 * @param seed the seed of every random choice the round makes
 */
public record RoundConfig(int warmupTasks, int samples, GateConfig gate, long seed) {

    /** The names the range checks give the settings, which the CLI maps back to its options. */
    public static final String WARMUP_TASKS = "warm-up tasks per worker";

    public static final String SAMPLES = "samples per warm-up task";

    public RoundConfig {
        if (warmupTasks < 1 || warmupTasks > 10_000) {
            throw new InvalidInputException(
                    "round config", WARMUP_TASKS, Integer.toString(warmupTasks), "a whole number in [1, 10000]");
        }
        if (samples < 1 || samples > 64) {
            throw new InvalidInputException(
                    "round config", SAMPLES, Integer.toString(samples), "a whole number in [1, 64]");
        }
        Objects.requireNonNull(gate, "gate");
    }

    /**
     * The defaults of DESIGN.md §4: 50 warm-up tasks per new worker, 4 samples each, {@link GateConfig#defaults()},
     * seed 1.
     *
     * @return the default settings
     */
    public static RoundConfig defaults() {
        return new RoundConfig(50, 4, GateConfig.defaults(), 1);
    }

    /**
     * These settings with another seed.
     *
     * @param newSeed the seed of every random choice of the round
     * @return the new settings
     */
    public RoundConfig withSeed(long newSeed) {
        return new RoundConfig(warmupTasks, samples, gate, newSeed);
    }

    /**
     * These settings with another warm-up budget.
     *
     * @param newWarmupTasks warm-up tasks per new worker, in [1, 10000]
     * @return the new settings
     * @throws InvalidInputException if the number is out of range
     */
    public RoundConfig withWarmupTasks(int newWarmupTasks) {
        return new RoundConfig(newWarmupTasks, samples, gate, seed);
    }
}
