package dev.monoscale.gate;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.stats.StudentT;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The gate of docs/gate.md: choose a candidate on one half of the warm-up tasks, test only that one on the other
 * half, and spend the level alpha across the looks of a sequential warm-up.
 *
 * <p>The rule at look k of K (the round runs its warm-up in K batches and asks the gate after each):
 * <ol>
 *   <li><b>Selection</b>, on the selection tasks S (the candidates were distilled from their runs only): for every
 *       candidate, the mean KL(π↑ ‖ π') over S and the per-task deployment gain
 *       ĝ(x) = r̂(x, argmax π'(x)) − r̂(x, argmax π↑(x)) ({@link TaskOutcomes}), averaged to g_S with standard
 *       deviation s_S. Among the candidates inside the trust region (KL ≤ δ) with g_S &gt; 0, the one with the
 *       highest predicted test bound g_S − 2 · t(1 − α_k, n_T − 1) · s_S / √n_T is chosen (the factor 2 makes up
 *       for g_S being measured on the data the candidate was fitted to).
 *   <li><b>Test</b>, on the held-out tasks T, which no candidate was built from: the one-sided Student-t lower
 *       bound of the chosen candidate's mean ĝ over T at level α_k ({@link #level}), with Σ α_k = α. The candidate is
 *       accepted when the bound is above zero and T has at least {@value #MIN_TEST_TASKS} tasks.
 *   <li><b>Stopping</b>: accept at the first look whose test passes; stop early and keep the lift when no candidate
 *       can be chosen and no new worker has done better than the lift's choice on any task pattern so far
 *       ({@link #promising}); otherwise warm up the next batch, and keep the lift after the last look.
 * </ol>
 * <b>The guarantee.</b> Let a harmful candidate be one whose expected deployment gain over the lift on the warm-up
 * task distribution is at most zero. Given the selection runs, the candidates tested at each look are fixed and the
 * held-out runs are independent of them, so look k accepts a harmful candidate with probability at most α_k, and
 * the round with probability at most Σ α_k = α (a union bound over looks, valid however the looks depend on each
 * other). The bound is Student-t, so per look the level holds to the accuracy of the t approximation for a mean of
 * bounded per-task gains: a quasi guarantee in the sense of Thomas et al. (HCPI, ICML 2015), checked by
 * {@code bench gate} on generated worlds. A fallback is always safe: it routes exactly as the previous stage.
 */
public final class HoldoutGate {

    /** Below this many held-out tasks the t bound is not trusted and nothing is accepted. */
    static final int MIN_TEST_TASKS = 8;

    /**
     * What one look decided: the record, the accepted candidate (its index) if any, and whether the decision is final
     * (a passed test, or the last look); a round may still stop early when {@link #promising} says no new worker is
     * worth more warm-up.
     */
    public record Decision(GateRecord record, Optional<Integer> accepted, boolean stop) {}

    private final double delta;
    private final double alpha;
    private final int looks;

    /**
     * @param delta the trust region, the largest mean KL(π↑ ‖ π') of an accepted candidate, in (0, 10] nats
     * @param alpha the chance of accepting a harmful candidate that the round may spend in all, in (0, 0.5)
     * @param looks how many times the round asks (K), in [1, 20]
     */
    public HoldoutGate(double delta, double alpha, int looks) {
        this.delta = delta;
        this.alpha = alpha;
        this.looks = looks;
    }

    /** The share of alpha the looks before the last spend together. */
    static final double EARLY_SHARE = 0.1;

    /**
     * α_k, the level look k spends: the looks before the last share {@value #EARLY_SHARE} of alpha equally, so they
     * accept only an overwhelming gain and stopping early costs the final test little power; the last look spends the
     * rest (as in O'Brien–Fleming group-sequential designs). With one look, alpha itself.
     */
    public double level(int look) {
        if (looks == 1) {
            return alpha;
        }
        return look < looks ? alpha * EARLY_SHARE / (looks - 1) : alpha * (1 - EARLY_SHARE);
    }

    /**
     * Decides at {@code look} (from 1).
     *
     * @param selection the probed steps of the selection tasks, the candidates' own data
     * @param test the probed steps of the held-out tasks
     * @param outcomes r̂ for every task of both halves
     */
    public Decision decide(int look, List<EvaluationPoint> selection, List<EvaluationPoint> test, PolicyRouter lift,
            List<TrustRegionGate.Candidate> candidates, TaskOutcomes outcomes, List<AgentId> onboarded) {
        double level = level(look);
        boolean last = look >= looks;
        List<Policy> liftOnSelection = selection.stream().map(x -> lift.policy(x.task(), x.step(), x.producers())).toList();
        List<GateRecord.CandidateScore> scores = new ArrayList<>();
        int nTest = test.size();
        double t = StudentT.quantile(1 - level, Math.max(1, nTest - 1));
        int chosen = -1;
        double bestPredicted = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates.size(); c++) {
            TrustRegionGate.Candidate candidate = candidates.get(c);
            double[] gain = new double[selection.size()];
            double klSum = 0;
            for (int i = 0; i < selection.size(); i++) {
                EvaluationPoint x = selection.get(i);
                Policy before = liftOnSelection.get(i);
                Policy after = candidate.policy().apply(x);
                gain[i] = gain(x, before, after, outcomes);
                klSum += before.klDivergence(after);
            }
            double mean = StudentT.mean(gain);
            double sd = StudentT.standardDeviation(gain, mean);
            double kl = selection.isEmpty() ? 0 : klSum / selection.size();
            boolean inside = kl <= delta;
            double predicted = mean - 2 * t * sd / Math.sqrt(Math.max(1, nTest));
            scores.add(new GateRecord.CandidateScore(candidate.name(), candidate.entries(), mean, predicted,
                    mean + 2 * t * sd / Math.sqrt(Math.max(1, nTest)), kl, inside));
            if (inside && mean > 0 && predicted > bestPredicted) {
                chosen = c;
                bestPredicted = predicted;
            }
        }
        int evaluation = selection.size();
        if (chosen < 0) {
            String reason = selection.isEmpty()
                    ? "no selection tasks: the warm-up produced no runs, so the conservative lift was kept"
                    : candidates.isEmpty()
                            ? "no candidate memory was proposed, so the conservative lift was kept"
                            : "no candidate inside the trust region gained on the selection tasks, so the conservative lift was kept";
            return new Decision(record(GateRecord.Outcome.FALLBACK, reason, onboarded, evaluation, scores, Optional.empty(),
                    Optional.empty()), Optional.empty(), last);
        }
        TrustRegionGate.Candidate candidate = candidates.get(chosen);
        double[] held = new double[nTest];
        for (int i = 0; i < nTest; i++) {
            EvaluationPoint x = test.get(i);
            held[i] = gain(x, lift.policy(x.task(), x.step(), x.producers()), candidate.policy().apply(x), outcomes);
        }
        double mean = StudentT.mean(held);
        double lower = nTest < 2 ? Double.NEGATIVE_INFINITY : StudentT.lowerBound(held, level);
        GateRecord.HoldoutTest result = new GateRecord.HoldoutTest(candidate.name(), look, looks, nTest, mean,
                Double.isFinite(lower) ? lower : -1, level);
        boolean passed = nTest >= MIN_TEST_TASKS && lower > 0;
        if (passed) {
            String reason = String.format(Locale.ROOT,
                    "accepted '%s' at look %d of %d: held-out gain %.4f over %d tasks, lower bound %.4f > 0 at level %.4f",
                    candidate.name(), look, looks, mean, nTest, lower, level);
            return new Decision(record(GateRecord.Outcome.ACCEPTED, reason, onboarded, evaluation, scores,
                    Optional.of(candidate.name()), Optional.of(result)), Optional.of(chosen), true);
        }
        String reason = nTest < MIN_TEST_TASKS
                ? String.format(Locale.ROOT, "'%s' was chosen but only %d held-out tasks could test it (at least %d needed), "
                        + "so the conservative lift was kept", candidate.name(), nTest, MIN_TEST_TASKS)
                : String.format(Locale.ROOT, "'%s' was chosen, but its held-out gain %.4f over %d tasks has lower bound %.4f "
                        + "<= 0 at level %.4f%s, so the conservative lift was kept", candidate.name(), mean, nTest, lower, level,
                        last ? "" : " (look " + look + " of " + looks + ")");
        return new Decision(record(GateRecord.Outcome.FALLBACK, reason, onboarded, evaluation, scores, Optional.empty(),
                Optional.of(result)), Optional.empty(), last);
    }

    /**
     * Whether more warm-up could pay: on some task pattern, some new worker did better than the lift's choice so
     * far, summed over its tasks of that pattern in both halves (r̂(x, new) − r̂(x, argmax π↑(x))). When none did
     * anywhere, the round stops early and keeps the lift; stopping is always safe, since a fallback routes as the
     * previous stage did. The rule is deliberately lax (one pattern, no significance), so a specialist whose
     * warm-up has met its home ground only once is still given the rest of the budget.
     *
     * @param patterns the probed steps of every task run so far, grouped by task pattern
     * @param newcomerOf the new worker each task was synthesized for
     */
    public static boolean promising(List<List<EvaluationPoint>> patterns, java.util.function.Function<EvaluationPoint, AgentId> newcomerOf,
            PolicyRouter lift, TaskOutcomes outcomes) {
        for (List<EvaluationPoint> pattern : patterns) {
            java.util.Map<AgentId, Double> advantage = new java.util.HashMap<>();
            for (EvaluationPoint x : pattern) {
                AgentId newcomer = newcomerOf.apply(x);
                String task = x.task().id().value();
                double incumbent = outcomes.reward(task, lift.policy(x.task(), x.step(), x.producers()).argmax());
                advantage.merge(newcomer, outcomes.reward(task, newcomer) - incumbent, Double::sum);
            }
            if (advantage.values().stream().anyMatch(sum -> sum > 0)) {
                return true;
            }
        }
        return false;
    }

    /** ĝ(x): the estimated reward where the candidate deploys x's probed step, less where the lift deploys it. */
    static double gain(EvaluationPoint x, Policy lift, Policy candidate, TaskOutcomes outcomes) {
        AgentId before = lift.argmax();
        AgentId after = candidate.argmax();
        if (before.equals(after)) {
            return 0;
        }
        String task = x.task().id().value();
        return outcomes.reward(task, after) - outcomes.reward(task, before);
    }

    private GateRecord record(GateRecord.Outcome outcome, String reason, List<AgentId> onboarded, int evaluation,
            List<GateRecord.CandidateScore> scores, Optional<String> chosen, Optional<GateRecord.HoldoutTest> test) {
        return new GateRecord(outcome, reason, onboarded, delta, alpha, evaluation, scores, chosen, test);
    }
}
