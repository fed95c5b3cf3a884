package dev.monoscale.gate;

import dev.monoscale.core.InvalidInputException;
import java.util.Locale;

/**
 * The trust-region gate's settings, with the defaults of DESIGN.md §4 and the only range check they get: the CLI's
 * options, the config file and the Java API all build this record.
 *
 * @param delta the trust region: the largest mean KL(π↑ ‖ π') an accepted memory may have, in (0, 10] nats
 *     (default 2.5)
 * @param alpha one-sided level of the gain's lower confidence bound, in (0, 0.5) (default 0.05)
 * @param resamples paired-bootstrap resamples of the legacy rule, in [100, 100000] (default 1000)
 * @param rule the rule that decides (default {@link GateRule#CONFIRM}, the rule with a guarantee that also takes up
 *     a better newcomer; docs/gate.md compares the three)
 * @param looks how many batches the holdout rule runs the warm-up in, or the confirm rule its confirmation, deciding
 *     after each, in [1, 20] (default 3); the round's warm-up tasks per new worker are the most either spends
 * @param confirmSamples the confirm rule's runs of each distinct plan at a confirmation task, in [1, 64], or 0 for
 *     as many as a warm-up task runs (the round's samples, the default). Workers that answer a task the same way on
 *     every run (a model at temperature 0, recorded outcomes) need only 1: more runs repeat the same outcome
 */
public record GateConfig(double delta, double alpha, int resamples, GateRule rule, int looks, int confirmSamples) {

    /** The default number of looks of a sequential warm-up. */
    public static final int LOOKS = 3;

    /** Settings with the default rule and looks. */
    public GateConfig(double delta, double alpha, int resamples) {
        this(delta, alpha, resamples, GateRule.CONFIRM, LOOKS);
    }

    /** Settings whose confirmation runs each plan as often as a warm-up task runs. */
    public GateConfig(double delta, double alpha, int resamples, GateRule rule, int looks) {
        this(delta, alpha, resamples, rule, looks, 0);
    }

    /** The names the range checks give the settings, which the CLI maps back to its options. */
    public static final String DELTA = "trust region delta";

    public static final String ALPHA = "confidence level alpha";
    public static final String RESAMPLES = "bootstrap resamples";
    public static final String LOOKS_NAME = "looks";
    public static final String CONFIRM_SAMPLES = "confirmation runs per plan";

    public GateConfig {
        if (!(delta > 0 && delta <= 10)) {
            throw invalid(DELTA, fmt(delta), "a number in (0, 10]");
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw invalid(ALPHA, fmt(alpha), "a number in (0, 0.5)");
        }
        if (resamples < 100 || resamples > 100_000) {
            throw invalid(RESAMPLES, Integer.toString(resamples), "a whole number in [100, 100000]");
        }
        if (rule == null) {
            throw invalid("gate rule", "(missing)", "one of " + java.util.Arrays.toString(GateRule.values()));
        }
        if (looks < 1 || looks > 20) {
            throw invalid(LOOKS_NAME, Integer.toString(looks), "a whole number in [1, 20]");
        }
        if (confirmSamples < 0 || confirmSamples > 64) {
            throw invalid(
                    CONFIRM_SAMPLES,
                    Integer.toString(confirmSamples),
                    "a whole number in [1, 64], or 0 for as many as a warm-up task's runs");
        }
    }

    /**
     * The defaults: delta 2.5, alpha 0.05, 1000 resamples, the confirm rule, {@value #LOOKS} looks.
     *
     * @return the default settings
     */
    public static GateConfig defaults() {
        return new GateConfig(2.5, 0.05, 1000);
    }

    /**
     * These settings with another trust region.
     *
     * @param newDelta the largest mean KL of an accepted memory, in (0, 10] nats
     * @return the new settings
     * @throws InvalidInputException if delta is out of range
     */
    public GateConfig withDelta(double newDelta) {
        return new GateConfig(newDelta, alpha, resamples, rule, looks, confirmSamples);
    }

    /**
     * These settings with another confidence level.
     *
     * @param newAlpha the one-sided level of the gain's lower bound, in (0, 0.5)
     * @return the new settings
     * @throws InvalidInputException if alpha is out of range
     */
    public GateConfig withAlpha(double newAlpha) {
        return new GateConfig(delta, newAlpha, resamples, rule, looks, confirmSamples);
    }

    /**
     * These settings with another rule.
     *
     * @param newRule the rule that decides
     * @return the new settings
     */
    public GateConfig withRule(GateRule newRule) {
        return new GateConfig(delta, alpha, resamples, newRule, looks, confirmSamples);
    }

    /**
     * These settings with another number of looks (the holdout rule's batches).
     *
     * @param newLooks in [1, 20]
     * @return the new settings
     * @throws InvalidInputException if the number is out of range
     */
    public GateConfig withLooks(int newLooks) {
        return new GateConfig(delta, alpha, resamples, rule, newLooks, confirmSamples);
    }

    /**
     * These settings with another number of runs of each plan at a confirmation task.
     *
     * @param newConfirmSamples in [1, 64], or 0 for as many as a warm-up task's runs
     * @return the new settings
     * @throws InvalidInputException if the number is out of range
     */
    public GateConfig withConfirmSamples(int newConfirmSamples) {
        return new GateConfig(delta, alpha, resamples, rule, looks, newConfirmSamples);
    }

    /** The runs of each plan at a confirmation task, in a round whose warm-up tasks run {@code samples} times. */
    public int runsPerPlan(int samples) {
        return confirmSamples == 0 ? samples : confirmSamples;
    }

    static InvalidInputException invalid(String name, String value, String allowed) {
        return new InvalidInputException("round config", name, value, allowed);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
