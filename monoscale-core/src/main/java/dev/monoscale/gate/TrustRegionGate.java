package dev.monoscale.gate;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.memory.GateRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Accepts a memory update only inside a trust region around the conservative lift, and only if it gains
 * (DESIGN.md §3, the paper's trust-region memory update with conservative fallback).
 *
 * <p>For every candidate memory m' with policy π' and the lift π↑, over the evaluation points x:
 * <ol>
 *   <li>the surrogate gain g(x) = Σ_a (π'(a|x) − π↑(a|x)) · Q̂(x, a), and L = mean g(x);
 *   <li>the divergence k(x) = KL(π↑(·|x) ‖ π'(·|x)), and K = mean k(x); it is finite because π↑ gives new
 *       workers no mass;
 *   <li>a paired bootstrap over the points (the same resampled points for every candidate) gives the
 *       one-sided lower bound L_α of L at level α.
 * </ol>
 * The points are the warm-up tasks the candidate was learned from; a candidate's example entries are left out at
 * their own task (see {@code OnboardingRound}), so they earn no gain on the task they record.
 * Among the candidates with K ≤ δ, the one with the largest L is accepted if L_α &gt; 0; otherwise the lift is
 * kept (the fallback). A fallback changes nothing on the pool's old workers, so under non-interfering
 * expansion the new stage scores at least what the old one did; an accepted update moves the policy at most δ
 * and is expected to gain. Every candidate's numbers go into the {@link GateRecord}.
 */
public final class TrustRegionGate {

    /** What the gate decided, with the index of the accepted candidate. */
    public record Outcome(GateRecord record, Optional<Integer> accepted) {}

    /**
     * A candidate as the gate sees it: a name, its size, and its policy at each evaluation point (the policy of the
     * router its memory induces, less any entries that must not be scored on that point).
     */
    public record Candidate(String name, int entries, Function<EvaluationPoint, Policy> policy) {

        /** A candidate scored with its router's policy at every point. */
        public Candidate(String name, int entries, PolicyRouter router) {
            this(name, entries, x -> router.policy(x.task(), x.step(), x.producers()));
        }
    }

    private final double delta;
    private final double alpha;
    private final int resamples;
    private final long seed;

    /** A gate with {@code config}'s trust region and level; {@code seed} draws the bootstrap's resamples. */
    public TrustRegionGate(GateConfig config, long seed) {
        this.delta = config.delta();
        this.alpha = config.alpha();
        this.resamples = config.resamples();
        this.seed = seed;
    }

    /**
     * Scores every candidate and decides. With {@code gated} false (the ablation), the last candidate, the one of
     * widest reach, is taken whatever its numbers.
     */
    public Outcome decide(
            List<EvaluationPoint> points,
            PolicyRouter lift,
            List<Candidate> candidates,
            ValueEstimates q,
            List<AgentId> onboarded,
            boolean gated) {
        List<GateRecord.CandidateScore> scores = new ArrayList<>();
        int n = points.size();
        int[][] draws = draws(n);
        List<Policy> liftPolicies = points.stream()
                .map(x -> lift.policy(x.task(), x.step(), x.producers()))
                .toList();
        int best = -1;
        double bestGain = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates.size(); c++) {
            Candidate candidate = candidates.get(c);
            double[] gain = new double[n];
            double klSum = 0;
            for (int i = 0; i < n; i++) {
                EvaluationPoint x = points.get(i);
                Policy before = liftPolicies.get(i);
                Policy after = candidate.policy().apply(x);
                double g = 0;
                for (AgentId worker : after.workers()) {
                    g += (after.probability(worker) - before.probability(worker)) * q.value(x.pattern(), worker);
                }
                gain[i] = g;
                klSum += before.klDivergence(after);
            }
            double mean = n == 0 ? 0 : Arrays.stream(gain).sum() / n;
            double kl = n == 0 ? 0 : klSum / n;
            double[] bounds = n == 0 ? new double[] {0, 0} : bootstrap(gain, draws);
            boolean inside = kl <= delta;
            scores.add(new GateRecord.CandidateScore(
                    candidate.name(), candidate.entries(), mean, bounds[0], bounds[1], kl, inside));
            if (inside && bounds[0] > 0 && mean > bestGain) {
                best = c;
                bestGain = mean;
            }
        }
        if (!gated && !candidates.isEmpty()) {
            int widest = candidates.size() - 1;
            return new Outcome(
                    new GateRecord(
                            GateRecord.Outcome.UNGATED,
                            "gate off: took the widest candidate '%s' whatever its numbers"
                                    .formatted(candidates.get(widest).name()),
                            onboarded,
                            delta,
                            alpha,
                            n,
                            scores,
                            Optional.of(candidates.get(widest).name())),
                    Optional.of(widest));
        }
        if (best < 0) {
            return new Outcome(
                    new GateRecord(
                            GateRecord.Outcome.FALLBACK,
                            fallbackReason(scores, n),
                            onboarded,
                            delta,
                            alpha,
                            n,
                            scores,
                            Optional.empty()),
                    Optional.empty());
        }
        GateRecord.CandidateScore chosen = scores.get(best);
        return new Outcome(
                new GateRecord(
                        GateRecord.Outcome.ACCEPTED,
                        String.format(
                                Locale.ROOT,
                                "accepted '%s': gain %.4f (lower bound %.4f > 0) with KL %.3f <= delta %.3f",
                                chosen.name(),
                                chosen.gain(),
                                chosen.gainLow(),
                                chosen.kl(),
                                delta),
                        onboarded,
                        delta,
                        alpha,
                        n,
                        scores,
                        Optional.of(chosen.name())),
                Optional.of(best));
    }

    private String fallbackReason(List<GateRecord.CandidateScore> scores, int n) {
        if (n == 0) {
            return "no evaluation points: the warm-up produced no runs, so the conservative lift was kept";
        }
        if (scores.isEmpty()) {
            return "no candidate memory was proposed, so the conservative lift was kept";
        }
        return "no candidate inside the trust region had a gain whose lower bound is above 0, so the conservative lift was kept";
    }

    private int[][] draws(int n) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] draws = new int[resamples][n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                draws[b][i] = random.nextInt(n);
            }
        }
        return draws;
    }

    private double[] bootstrap(double[] values, int[][] draws) {
        double[] means = new double[draws.length];
        for (int b = 0; b < draws.length; b++) {
            double sum = 0;
            for (int index : draws[b]) {
                sum += values[index];
            }
            means[b] = sum / values.length;
        }
        Arrays.sort(means);
        int low = (int) Math.floor(alpha * means.length);
        int high = (int) Math.ceil((1 - alpha) * means.length) - 1;
        return new double[] {means[Math.max(0, low)], means[Math.min(means.length - 1, high)]};
    }
}
