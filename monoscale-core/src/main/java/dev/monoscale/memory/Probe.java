package dev.monoscale.memory;

import dev.monoscale.core.AgentId;

/**
 * One task pattern probed for one new worker in the round that made a memory version: the round's evidence kept
 * with the version, so that it can be audited (and shown) after the round, like the gate record.
 *
 * @param worker the new worker the runs forced at the probed step
 * @param tasks the distinct warm-up tasks of the pattern for this worker
 * @param successes the forced runs that passed
 * @param trials the forced runs
 * @param ciLow the lower end of the 95% Wilson interval of the pass rate
 * @param ciHigh its upper end
 * @param meanReward the forced runs' mean reward (the pass rate for pass/fail answers without cost)
 * @param incumbent the worker the lift chose most often there, or {@code -} if the lift ran no sample there
 */
public record Probe(
        AgentId worker,
        String pattern,
        String example,
        int tasks,
        int successes,
        int trials,
        double ciLow,
        double ciHigh,
        double meanReward,
        String incumbent,
        int incumbentSuccesses,
        int incumbentTrials) {

    public Probe {
        if (trials < 1
                || successes < 0
                || successes > trials
                || incumbentSuccesses < 0
                || incumbentSuccesses > incumbentTrials) {
            throw new IllegalArgumentException(("probe of %s on '%s' needs 0 <= successes <= trials and trials >= 1;"
                            + " got %d of %d, incumbent %d of %d")
                    .formatted(worker, pattern, successes, trials, incumbentSuccesses, incumbentTrials));
        }
    }
}
