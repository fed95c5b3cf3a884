package dev.monoscale.memory;

import java.util.List;

/**
 * The traces a lesson was learned from.
 *
 * @param traces ids of the warm-up traces the entry cites
 * @param successes how many of the cited runs passed
 * @param trials how many runs the entry cites
 */
public record Evidence(List<String> traces, int successes, int trials) {

    public Evidence {
        traces = List.copyOf(traces);
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("evidence needs 0 <= successes <= trials and trials >= 1; got %d of %d"
                    .formatted(successes, trials));
        }
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("evidence must cite at least one trace");
        }
    }
}
