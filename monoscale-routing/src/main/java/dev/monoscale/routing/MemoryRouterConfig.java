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
 * @param avoidShift taken from an avoided or constrained worker's score, likewise (default 6)
 * @param exampleCoverage the share of an example entry's words ({@link dev.monoscale.memory.MemoryEntry#isExample()})
 *     a step must contain for the example to apply, in (0, 1] (default 0.2): lower than for patterns, because an
 *     example holds one task's words, slot values and all
 * @param examples the most example entries that apply to a step, nearest first, in [0, 1000] (default 100); 0
 *     turns examples off
 * @param preselect in a pool of more validated workers than this, only the this many whose cards match a step best
 *     (and the workers memory names for the step) are scored and may get the step; the rest get probability 0
 *     ({@link MemoryRouter}, "Preselection"). In [1, 100000] (default {@value #DEFAULT_PRESELECT}); a pool no
 *     larger is scored exhaustively, as before preselection existed
 */
public record MemoryRouterConfig(
        int topK,
        int tokenBudget,
        double minCoverage,
        double preferShift,
        double avoidShift,
        double exampleCoverage,
        int examples,
        int preselect) {

    /** Workers scored per step in a large pool. */
    public static final int DEFAULT_PRESELECT = 64;

    public MemoryRouterConfig {
        check("topK", topK >= 1 && topK <= 100, topK, "a whole number in [1, 100]");
        check(
                "token budget",
                tokenBudget >= 16 && tokenBudget <= 100_000,
                tokenBudget,
                "a whole number in [16, 100000]");
        check("minimum coverage", minCoverage > 0 && minCoverage <= 1, minCoverage, "a number in (0, 1]");
        check("prefer shift", preferShift >= 0 && preferShift <= 100, preferShift, "a number in [0, 100]");
        check("avoid shift", avoidShift >= 0 && avoidShift <= 100, avoidShift, "a number in [0, 100]");
        check("example coverage", exampleCoverage > 0 && exampleCoverage <= 1, exampleCoverage, "a number in (0, 1]");
        check("examples", examples >= 0 && examples <= 1000, examples, "a whole number in [0, 1000]");
        check("preselect", preselect >= 1 && preselect <= 100_000, preselect, "a whole number in [1, 100000]");
    }

    /** The settings with the default preselection. */
    public MemoryRouterConfig(
            int topK,
            int tokenBudget,
            double minCoverage,
            double preferShift,
            double avoidShift,
            double exampleCoverage,
            int examples) {
        this(topK, tokenBudget, minCoverage, preferShift, avoidShift, exampleCoverage, examples, DEFAULT_PRESELECT);
    }

    /**
     * The defaults of DESIGN.md §5: top 8 entries, 1024 tokens, coverage 0.5, shifts 3 and 6, example coverage
     * 0.2, 100 examples, preselection of {@value #DEFAULT_PRESELECT}.
     *
     * @return the default settings
     */
    public static MemoryRouterConfig defaults() {
        return new MemoryRouterConfig(8, 1024, 0.5, 3, 6, 0.2, 100);
    }

    /** These settings with another preselection size; 100000 scores every pool this project has run exhaustively. */
    public MemoryRouterConfig withPreselect(int preselect) {
        return new MemoryRouterConfig(
                topK, tokenBudget, minCoverage, preferShift, avoidShift, exampleCoverage, examples, preselect);
    }

    private static void check(String name, boolean ok, double value, String allowed) {
        if (!ok) {
            String shown = value == Math.rint(value) && !allowed.startsWith("a number")
                    ? Long.toString((long) value)
                    : Double.toString(value);
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "%s must be %s, was %s", name, allowed, shown));
        }
    }
}
