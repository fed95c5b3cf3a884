package dev.monoscale.app.cli;

import dev.monoscale.core.InvalidInputException;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GateRule;
import dev.monoscale.onboarding.RoundConfig;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of an onboarding round, declared once for every command that runs rounds ({@code onboard},
 * {@code demo}, {@code bench expansion}, {@code bench replay}). The defaults are {@link RoundConfig#defaults()}'s
 * and the range checks are {@link RoundConfig}'s and {@link GateConfig}'s; a bad value is reported under its flag.
 */
final class RoundOptions {

    private static final RoundConfig DEFAULTS = RoundConfig.defaults();

    /** The flag of each setting, by the name the config records' range checks give it. */
    private static final Map<String, String> FLAGS = Map.of(
            RoundConfig.WARMUP_TASKS,
            "--warmup-tasks",
            RoundConfig.SAMPLES,
            "--samples",
            GateConfig.DELTA,
            "--delta",
            GateConfig.ALPHA,
            "--alpha",
            GateConfig.LOOKS_NAME,
            "--looks",
            GateConfig.CONFIRM_SAMPLES,
            "--confirm-samples");

    @Option(names = "--warmup-tasks", description = "Warm-up tasks per new worker (default: ${DEFAULT-VALUE}).")
    int warmupTasks = DEFAULTS.warmupTasks();

    @Option(names = "--samples", description = "Runs per warm-up task (default: ${DEFAULT-VALUE}).")
    int samples = DEFAULTS.samples();

    @Option(
            names = "--delta",
            description = "The trust region, the largest mean KL from the conservative lift, in (0, 10] nats "
                    + "(default: ${DEFAULT-VALUE}).")
    double delta = DEFAULTS.gate().delta();

    @Option(
            names = "--alpha",
            description = "Level of the gain's lower confidence bound, in (0, 0.5) (default: ${DEFAULT-VALUE}).")
    double alpha = DEFAULTS.gate().alpha();

    @Option(
            names = "--gate",
            description = "The rule that decides: legacy (the whole budget, scored on the runs the candidates came "
                    + "from), holdout (sequential warm-up, units chosen on half the tasks, tested on the other half) or confirm "
                    + "(chosen on half the tasks as legacy does, then confirmed by running its plans against the lift's on the other "
                    + "half; docs/gate.md) (default: ${DEFAULT-VALUE}).")
    String gate = DEFAULTS.gate().rule().name().toLowerCase(java.util.Locale.ROOT);

    @Option(
            names = "--looks",
            description = "With --gate holdout or confirm: the batches the warm-up (holdout) or the "
                    + "confirmation (confirm) runs in, the gate deciding after each, "
                    + "in [1, 20] (default: ${DEFAULT-VALUE}).")
    int looks = DEFAULTS.gate().looks();

    @Option(
            names = "--confirm-samples",
            description = "With --gate confirm: the runs of each plan at a confirmation task, in [1, 64], or 0 for as "
                    + "many as --samples (default: ${DEFAULT-VALUE}). Workers that answer a task the same way on every "
                    + "run (temperature 0, recorded outcomes) need only 1.")
    int confirmSamples = DEFAULTS.gate().confirmSamples();

    /** The round these options describe, with {@code seed}; a value out of range is reported under its flag. */
    RoundConfig round(long seed) {
        try {
            return new RoundConfig(
                    warmupTasks,
                    samples,
                    new GateConfig(delta, alpha, DEFAULTS.gate().resamples(), rule(), looks, confirmSamples),
                    seed);
        } catch (InvalidInputException e) {
            String flag = FLAGS.get(e.field());
            throw flag == null ? e : e.from(flag);
        }
    }

    private GateRule rule() {
        return GateRule.parse("--gate", gate);
    }
}
