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
        MemoryEntryId id, String pattern, String rule, List<WorkerGuidance> guidance, Evidence evidence, double confidence) {

    public MemoryEntry {
        if (pattern.isBlank() || rule.isBlank()) {
            throw new IllegalArgumentException("memory entry %s needs a pattern and a rule".formatted(id));
        }
        guidance = List.copyOf(guidance);
        if (guidance.isEmpty()) {
            throw new IllegalArgumentException("memory entry %s gives no worker guidance".formatted(id));
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("memory entry %s has confidence %s; allowed: [0, 1]".formatted(id, confidence));
        }
    }
}
