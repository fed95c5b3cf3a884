package dev.monoscale.app.cli;

import picocli.CommandLine.Option;

/** The options shared by {@code demo} and {@code bench expansion}. */
final class ExpansionOptions {

    @Option(names = "--seeds", defaultValue = "5", description = "How many seeds (worlds) to run; seeds are first-seed, first-seed+1, ... (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "The first seed (default: ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(names = "--tasks", defaultValue = "200", description = "Held-out tasks per stage per seed, the same at every stage (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Softmax temperature of the embedded router (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--warmup-tasks", defaultValue = "50", description = "MonoScale: warm-up tasks per new worker (default: ${DEFAULT-VALUE}).")
    int warmupTasks;

    @Option(names = "--samples", defaultValue = "4", description = "MonoScale: runs per warm-up task (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--delta", defaultValue = "2.5", description = "MonoScale: the trust region, the largest mean KL from the conservative lift, in (0, 10] nats (default: ${DEFAULT-VALUE}).")
    double delta;

    @Option(names = "--alpha", defaultValue = "0.05", description = "MonoScale: level of the gain's lower confidence bound (default: ${DEFAULT-VALUE}).")
    double alpha;

    dev.monoscale.onboarding.RoundConfig round() {
        return RoundFlags.round(warmupTasks, samples, delta, alpha, 1);
    }

    void validate() {
        round();
        if (seeds < 1 || seeds > 1000) {
            throw new dev.monoscale.core.InvalidInputException("--seeds", "seeds", Integer.toString(seeds), "a whole number in [1, 1000]");
        }
        if (tasks < 1 || tasks > 100_000) {
            throw new dev.monoscale.core.InvalidInputException("--tasks", "tasks", Integer.toString(tasks), "a whole number in [1, 100000]");
        }
    }
}
