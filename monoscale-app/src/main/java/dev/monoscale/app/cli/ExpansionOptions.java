package dev.monoscale.app.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options shared by {@code demo} and {@code bench expansion}. */
final class ExpansionOptions {

    @Option(
            names = "--seeds",
            defaultValue = "5",
            description =
                    "How many seeds (worlds) to run; seeds are first-seed, first-seed+1, ... (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "The first seed (default: ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(
            names = "--tasks",
            defaultValue = "200",
            description = "Held-out tasks per stage per seed, the same at every stage (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(
            names = "--temperature",
            defaultValue = "1.0",
            description = "Softmax temperature of the embedded router (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Mixin
    RoundOptions rounds;

    /**
     * Checks every option and returns MonoScale's round. Its seed is the first seed: the benchmark gives each
     * world's round that world's seed ({@code MonoScaleMethod}).
     */
    dev.monoscale.onboarding.RoundConfig validate() {
        dev.monoscale.onboarding.RoundConfig round = rounds.round(firstSeed);
        if (seeds < 1 || seeds > 1000) {
            throw new dev.monoscale.core.InvalidInputException(
                    "--seeds", "seeds", Integer.toString(seeds), "a whole number in [1, 1000]");
        }
        if (tasks < 1 || tasks > 100_000) {
            throw new dev.monoscale.core.InvalidInputException(
                    "--tasks", "tasks", Integer.toString(tasks), "a whole number in [1, 100000]");
        }
        return round;
    }
}
