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
 * @param test the safety test of the candidate chosen on the selection half, on the held-out half of the warm-up
 *     tasks, when the gate ran one (the holdout gate; empty for the legacy gate, the initial version, rollbacks)
 */
public record GateRecord(
        Outcome outcome,
        String reason,
        List<AgentId> onboarded,
        double delta,
        double alpha,
        int evaluationTasks,
        List<CandidateScore> candidates,
        Optional<String> chosen,
        Optional<HoldoutTest> test) {

    public GateRecord {
        onboarded = List.copyOf(onboarded);
        candidates = List.copyOf(candidates);
    }

    /** A record without a holdout test: the legacy gate's, and every version that is not a round's. */
    public GateRecord(
            Outcome outcome,
            String reason,
            List<AgentId> onboarded,
            double delta,
            double alpha,
            int evaluationTasks,
            List<CandidateScore> candidates,
            Optional<String> chosen) {
        this(outcome, reason, onboarded, delta, alpha, evaluationTasks, candidates, chosen, Optional.empty());
    }

    /**
     * The safety test of one candidate on the held-out warm-up tasks (docs/gate.md): the holdout rule's, or the
     * confirm rule's.
     *
     * @param candidate the candidate tested, chosen on the selection half
     * @param look the look (batch of warm-up) at which the test ran, from 1
     * @param looks the most looks the round could take
     * @param tasks the held-out tasks the test averaged over
     * @param gain the mean estimated deployment gain over those tasks. Holdout rule: the chance a task passes when its
     *     probed step goes where the candidate routes it, less the chance when it goes where the lift routes it.
     *     Confirm rule: the mean reward of the candidate's whole plan less that of the lift's, over the tasks where
     *     the two plans differ
     * @param lowerBound the one-sided Student-t lower confidence bound on the gain at {@code level} (the confirm rule:
     *     at {@code level} over the number of distinct candidates, Holm's strictest; −1 with fewer tasks than it tests
     *     on)
     * @param level the share of alpha this look spends; the levels of all looks add up to at most alpha
     */
    public record HoldoutTest(
            String candidate, int look, int looks, int tasks, double gain, double lowerBound, double level) {}

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
    public record CandidateScore(
            String name,
            int entries,
            double gain,
            double gainLow,
            double gainHigh,
            double kl,
            boolean withinTrustRegion) {}

    /**
     * The record of version 0: no gate ran.
     *
     * @return the record
     */
    public static GateRecord initial() {
        return new GateRecord(
                Outcome.INITIAL, "the empty initial memory", List.of(), 0, 0, 0, List.of(), Optional.empty());
    }

    /**
     * The record of a version that restores {@code restored}; {@link #restores()} reads it back.
     *
     * @param restored the version whose content the new version has
     * @return the record
     */
    public static GateRecord rollback(MemoryVersion restored) {
        return new GateRecord(
                Outcome.ROLLBACK, "restores " + restored, List.of(), 0, 0, 0, List.of(), Optional.empty());
    }

    /** For a rollback version, the version it restores; empty for every other kind of version. */
    public Optional<MemoryVersion> restores() {
        String prefix = "restores ";
        return outcome == Outcome.ROLLBACK && reason.startsWith(prefix)
                ? Optional.of(MemoryVersion.parse(reason.substring(prefix.length())))
                : Optional.empty();
    }
}
