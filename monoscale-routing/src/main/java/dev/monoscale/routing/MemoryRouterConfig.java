package dev.monoscale.routing;

import java.util.Locale;

/**
 * How memory moves the embedded router (DESIGN.md §5).
 *
 * @param topK entries retrieved per step, in [1, 100] (default 8)
 * @param tokenBudget the most entry text (pattern and rule, about 4 characters a token) a step may retrieve, in
 *     [16, 100000] (default 1024); entries past it are dropped, best first kept
 * @param minCoverage the share of an entry's pattern words a step must contain for the entry to apply, in
 *     (0, 1] (default 0.5)
 * @param preferShift added to a preferred worker's score, times the entry's coverage and confidence (default 3)
 * @param avoidShift taken from an avoided or constrained worker's score, likewise (default 3)
 */
public record MemoryRouterConfig(int topK, int tokenBudget, double minCoverage, double preferShift, double avoidShift) {

    public MemoryRouterConfig {
        check("topK", topK >= 1 && topK <= 100, topK, "a whole number in [1, 100]");
        check("token budget", tokenBudget >= 16 && tokenBudget <= 100_000, tokenBudget, "a whole number in [16, 100000]");
        check("minimum coverage", minCoverage > 0 && minCoverage <= 1, minCoverage, "a number in (0, 1]");
        check("prefer shift", preferShift >= 0 && preferShift <= 100, preferShift, "a number in [0, 100]");
        check("avoid shift", avoidShift >= 0 && avoidShift <= 100, avoidShift, "a number in [0, 100]");
    }

    public static MemoryRouterConfig defaults() {
        return new MemoryRouterConfig(8, 1024, 0.5, 3, 6);
    }

    private static void check(String name, boolean ok, double value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be %s, was %s", name, allowed, value));
        }
    }
}
