package dev.monoscale.memory;

import java.util.List;

/**
 * One routing lesson in plain language: the task pattern it applies to, an actionable rule, what it says
 * about each worker concerned, the evidence it came from, and how confident it is. A lesson without evidence
 * cannot exist.
 *
 * @param confidence in [0, 1]: how strongly the lesson moves routing
 */
public record MemoryEntry(
        MemoryEntryId id,
        String pattern,
        String rule,
        List<WorkerGuidance> guidance,
        Evidence evidence,
        double confidence) {

    /**
     * The pattern of a default route: it applies to every step. A memory's last such entry is its default;
     * more specific entries still apply on top of it.
     */
    public static final String ANY_TASK = "*";

    /**
     * How the pattern of an example entry begins. An example entry records what the workers did on one warm-up
     * task; it applies to the steps nearest its task's words, however few of them a step shares, because a single
     * task's words are too specific for the coverage rule of ordinary patterns.
     */
    public static final String EXAMPLE = "like: ";

    /**
     * Whether this entry is a default route (its pattern is {@value #ANY_TASK}).
     *
     * @return true for a default route
     */
    public boolean isDefault() {
        return pattern.equals(ANY_TASK);
    }

    /** Whether this entry records one warm-up task's outcomes (its pattern begins with {@value #EXAMPLE}). */
    public boolean isExample() {
        return pattern.startsWith(EXAMPLE);
    }

    public MemoryEntry {
        if (pattern.isBlank() || rule.isBlank()) {
            throw new IllegalArgumentException("memory entry %s needs a pattern and a rule".formatted(id));
        }
        guidance = List.copyOf(guidance);
        if (guidance.isEmpty()) {
            throw new IllegalArgumentException("memory entry %s gives no worker guidance".formatted(id));
        }
        if (pattern.equals(ANY_TASK) && guidance.stream().anyMatch(g -> g.stance() != Stance.PREFER)) {
            throw new IllegalArgumentException(
                    "memory entry %s: a default route ('*') can only prefer a worker".formatted(id));
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException(
                    "memory entry %s has confidence %s; allowed: [0, 1]".formatted(id, confidence));
        }
    }
}
