package dev.monoscale.memory;

import dev.monoscale.core.AgentId;
import java.util.List;
import java.util.Optional;

/**
 * Why a memory version exists: the gate's decision with every number it used, or the operation that made it
 * (the initial version, a rollback).
 *
 * @param outcome what kind of version this is
 * @param reason one sentence for people
 * @param onboarded the workers whose round produced this version; empty for the initial version and rollbacks
 * @param delta the trust-region bound on the mean KL(lift ‖ candidate), in nats; 0 when no gate ran
 * @param alpha the one-sided level of the lower confidence bound on the gain; 0 when no gate ran
 * @param evaluationTasks how many evaluation tasks the gain and KL were averaged over
 * @param candidates every candidate memory the gate looked at, in the order the distiller proposed them
 * @param chosen the name of the accepted candidate, if one was
 */
public record GateRecord(
        Outcome outcome,
        String reason,
        List<AgentId> onboarded,
        double delta,
        double alpha,
        int evaluationTasks,
        List<CandidateScore> candidates,
        Optional<String> chosen) {

    public GateRecord {
        onboarded = List.copyOf(onboarded);
        candidates = List.copyOf(candidates);
    }

    /** What made a version. */
    public enum Outcome {
        /** the empty memory every store starts from */
        INITIAL,
        /** a candidate passed the gate */
        ACCEPTED,
        /** no candidate passed: the conservative lift was kept */
        FALLBACK,
        /** the gate was switched off and the widest candidate taken (an ablation, never the default) */
        UNGATED,
        /** an earlier version was restored */
        ROLLBACK
    }

    /**
     * The gate's numbers for one candidate memory.
     *
     * @param gain the surrogate gain L: mean over evaluation tasks of Σ_a (π'(a|x) − π↑(a|x)) · Q̂(x, a)
     * @param gainLow the paired-bootstrap lower confidence bound on the gain at level alpha
     * @param gainHigh the matching upper bound, for reports
     * @param kl the mean KL(π↑ ‖ π') over the evaluation tasks, in nats
     */
    public record CandidateScore(String name, int entries, double gain, double gainLow, double gainHigh, double kl,
            boolean withinTrustRegion) {}

    public static GateRecord initial() {
        return new GateRecord(Outcome.INITIAL, "the empty initial memory", List.of(), 0, 0, 0, List.of(), Optional.empty());
    }

    public static GateRecord rollback(MemoryVersion restored) {
        return new GateRecord(Outcome.ROLLBACK, "restores " + restored, List.of(), 0, 0, 0, List.of(), Optional.empty());
    }

    /** For a rollback version, the version it restores; empty for every other kind of version. */
    public Optional<MemoryVersion> restores() {
        String prefix = "restores ";
        return outcome == Outcome.ROLLBACK && reason.startsWith(prefix)
                ? Optional.of(MemoryVersion.parse(reason.substring(prefix.length())))
                : Optional.empty();
    }
}
