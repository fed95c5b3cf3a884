package dev.monoscale.gate;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.stats.StudentT;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The gate of docs/gate.md: choose on one half of the warm-up tasks, test on the other half, accept or refuse a
 * candidate's parts one by one, and spend the level alpha across the looks of a sequential warm-up.
 *
 * <p>The rule at look k of K (the round runs its warm-up in K batches and asks the gate after each), over
 * {@link Unit units}: the entries of one candidate for one task pattern, judged as head + those entries.
 * <ol>
 *   <li><b>Selection</b>, on the selection tasks S (the units were distilled from their runs only): for every unit,
 *       the mean KL(π↑ ‖ π') over S, and over the selection tasks where it changes the route the per-task
 *       deployment gain ĝ(x) = r̂(x, argmax π'(x)) − r̂(x, argmax π↑(x)) ({@link TaskOutcomes}), averaged to g_S
 *       with standard deviation s_S. A unit is eligible inside the trust region (KL ≤ δ) with g_S &gt; 0 and at least
 *       {@value #MIN_TEST_TASKS} held-out tasks where it changes the route (counted without outcomes). Per group,
 *       the eligible unit with the highest predicted test bound g_S − 2 · t(1 − α_k, n_T − 1) · s_S / √n_T is kept
 *       (the factor 2 makes up for g_S being measured on the data the unit was fitted to); the best
 *       {@value #MAX_TESTED} of those are tested.
 *   <li><b>Test</b>, on the held-out tasks T, which no unit was built from: each tested unit's mean ĝ over the
 *       held-out tasks where it changes the route gets a one-sided Student-t p-value, and Holm's step-down at the
 *       look's level α_k ({@link #level}, Σ α_k = α) passes units in order of p-value until the first that fails.
 *   <li><b>Composition</b>: the memory of the passed units must deploy, at every task of both halves, the lift's
 *       worker where no passed unit changes the route and one of the passed units' workers where some do
 *       (checked without outcomes); otherwise the last passed unit is dropped until it does.
 *   <li><b>Stopping</b>: accept at the first look where a unit passes; stop early and keep the lift when no unit
 *       can be tested and no new worker has done better than the lift's choice on any task pattern so far
 *       ({@link #promising}); otherwise warm up the next batch, and keep the lift after the last look.
 * </ol>
 * <b>The guarantee.</b> Let a harmful unit be one whose expected deployment gain over the lift, on the steps where
 * it changes the route as the warm-up draws them, is at most zero. Given the selection runs, the units tested at
 * each look are fixed and the held-out runs are independent of them, so Holm's procedure accepts a harmful unit at
 * look k with probability at most α_k, and the round with probability at most Σ α_k = α (a union bound over looks,
 * valid however the looks depend on each other). Since the accepted memory only deploys what a passed unit
 * deploys, a round with no harmful unit accepted gains on every mix of the units' patterns, not only the warm-up's.
 * The bound is Student-t, so per look the level holds to the accuracy of the t approximation for a mean of bounded
 * per-task gains: a quasi guarantee in the sense of Thomas et al. (HCPI, ICML 2015), checked by {@code bench gate}
 * on generated worlds. A fallback is always safe: it routes exactly as the previous stage.
 */
public final class HoldoutGate {

    /** Below this many held-out tasks the t bound is not trusted and nothing is accepted. */
    static final int MIN_TEST_TASKS = 8;

    /** At most this many units, the best predicted on the selection tasks, are tested at one look. */
    static final int MAX_TESTED = 5;

    /**
     * What one look decided: the record, the accepted units (their indices; empty for a fallback), and whether the
     * decision is final (a passed test, or the last look); a round may still stop early when {@link #promising} says
     * no new worker is worth more warm-up.
     */
    public record Decision(GateRecord record, List<Integer> accepted, boolean stop) {}

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
     * One part of a candidate that the gate accepts or refuses on its own: the entries one rule level wrote for one
     * task pattern, as the candidate memory head + those entries.
     *
     * @param group the task pattern the entries are about: of the units of one group at most one is tested
     */
    public record Unit(TrustRegionGate.Candidate candidate, String group) {}

    /**
     * Decides at {@code look} (from 1) among whole candidates: each is its own unit, all in one group, so at most one
     * is accepted, as a whole.
     */
    public Decision decide(
            int look,
            List<EvaluationPoint> selection,
            List<EvaluationPoint> test,
            PolicyRouter lift,
            List<TrustRegionGate.Candidate> candidates,
            TaskOutcomes outcomes,
            List<AgentId> onboarded) {
        List<Unit> units = candidates.stream().map(c -> new Unit(c, "")).toList();
        return decide(
                look,
                selection,
                test,
                lift,
                units,
                outcomes,
                onboarded,
                accepted -> candidates.get(accepted.getFirst()));
    }

    /**
     * Decides at {@code look} (from 1) among units.
     *
     * @param selection the probed steps of the selection tasks, the units' own data
     * @param test the probed steps of the held-out tasks
     * @param outcomes r̂ for every task of both halves
     * @param compose the memory that holds the entries of the given units (indices into {@code units}, never empty)
     */
    public Decision decide(
            int look,
            List<EvaluationPoint> selection,
            List<EvaluationPoint> test,
            PolicyRouter lift,
            List<Unit> units,
            TaskOutcomes outcomes,
            List<AgentId> onboarded,
            java.util.function.Function<List<Integer>, TrustRegionGate.Candidate> compose) {
        double level = level(look);
        boolean last = look >= looks;
        List<Policy> liftS = selection.stream()
                .map(x -> lift.policy(x.task(), x.step(), x.producers()))
                .toList();
        List<AgentId> liftT = test.stream()
                .map(x -> lift.policy(x.task(), x.step(), x.producers()).argmax())
                .toList();
        List<GateRecord.CandidateScore> scores = new ArrayList<>();
        // per group, the eligible unit with the highest predicted test bound
        java.util.Map<String, Integer> best = new java.util.LinkedHashMap<>();
        double[] predicted = new double[units.size()];
        List<List<AgentId>> onTest = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            TrustRegionGate.Candidate candidate = units.get(u).candidate();
            List<Double> changed = new ArrayList<>();
            double klSum = 0;
            for (int i = 0; i < selection.size(); i++) {
                EvaluationPoint x = selection.get(i);
                Policy before = liftS.get(i);
                Policy after = candidate.policy().apply(x);
                klSum += before.klDivergence(after);
                if (!before.argmax().equals(after.argmax())) {
                    changed.add(gain(x, before, after, outcomes));
                }
            }
            List<AgentId> deployed =
                    test.stream().map(x -> candidate.policy().apply(x).argmax()).toList();
            onTest.add(deployed);
            int nTest = changedCount(deployed, liftT);
            double[] gain = changed.stream().mapToDouble(Double::doubleValue).toArray();
            double mean = gain.length == 0 ? 0 : StudentT.mean(gain);
            double sd = gain.length < 2 ? 0 : StudentT.standardDeviation(gain, mean);
            double t = StudentT.quantile(1 - level, Math.max(1, nTest - 1));
            double half = 2 * t * sd / Math.sqrt(Math.max(1, nTest));
            predicted[u] = mean - half;
            double kl = selection.isEmpty() ? 0 : klSum / selection.size();
            boolean inside = kl <= delta;
            scores.add(new GateRecord.CandidateScore(
                    candidate.name(), candidate.entries(), mean, mean - half, mean + half, kl, inside));
            boolean eligible = inside && gain.length >= 2 && mean > 0 && nTest >= MIN_TEST_TASKS;
            String group = units.get(u).group();
            if (eligible && (!best.containsKey(group) || predicted[u] > predicted[best.get(group)])) {
                best.put(group, u);
            }
        }
        int evaluation = selection.size();
        if (best.isEmpty()) {
            String reason = selection.isEmpty()
                    ? "no selection tasks: the warm-up produced no runs, so the conservative lift was kept"
                    : units.isEmpty()
                            ? "no candidate memory was proposed, so the conservative lift was kept"
                            : "no candidate inside the trust region gained on the selection tasks where it changes the route "
                                    + "and changes it on at least " + MIN_TEST_TASKS
                                    + " held-out tasks, so the conservative lift was kept";
            return new Decision(
                    record(
                            GateRecord.Outcome.FALLBACK,
                            reason,
                            onboarded,
                            evaluation,
                            scores,
                            Optional.empty(),
                            Optional.empty()),
                    List.of(),
                    last);
        }
        // Holm's step-down over the units chosen on the selection tasks (at most MAX_TESTED, the best predicted):
        // each is tested on the held-out tasks it changes; in order of p-value, the i-th (from 0) passes at level
        // α_k / (m − i), and the first that fails ends the sequence
        List<Integer> order = new ArrayList<>(best.values());
        order.sort(java.util.Comparator.comparingDouble((Integer u) -> -predicted[u]));
        if (order.size() > MAX_TESTED) {
            order = new ArrayList<>(order.subList(0, MAX_TESTED));
        }
        int m = order.size();
        double[] pValue = new double[units.size()];
        java.util.Map<Integer, GateRecord.HoldoutTest> results = new java.util.HashMap<>();
        List<String> told = new ArrayList<>();
        for (int u : order) {
            List<AgentId> deployed = onTest.get(u);
            List<Double> held = new ArrayList<>();
            for (int i = 0; i < test.size(); i++) {
                if (!deployed.get(i).equals(liftT.get(i))) {
                    String task = test.get(i).task().id().value();
                    held.add(outcomes.reward(task, deployed.get(i)) - outcomes.reward(task, liftT.get(i)));
                }
            }
            double[] values = held.stream().mapToDouble(Double::doubleValue).toArray();
            double mean = StudentT.mean(values);
            double sd = values.length < 2 ? 0 : StudentT.standardDeviation(values, mean);
            double lower = values.length < 2 ? Double.NEGATIVE_INFINITY : StudentT.lowerBound(values, level / m);
            pValue[u] = values.length < 2
                    ? 1
                    : sd == 0
                            ? (mean > 0 ? 0 : 1)
                            : StudentT.upperTail(mean / (sd / Math.sqrt(values.length)), values.length - 1);
            String name = units.get(u).candidate().name();
            results.put(
                    u,
                    new GateRecord.HoldoutTest(
                            name, look, looks, values.length, mean, Double.isFinite(lower) ? lower : -1, level / m));
            told.add(String.format(
                    Locale.ROOT, "'%s' %.4f over %d tasks, p %.4f", name, mean, values.length, pValue[u]));
        }
        List<Integer> byP = new ArrayList<>(order);
        byP.sort(java.util.Comparator.comparingDouble((Integer u) -> pValue[u]));
        List<Integer> passed = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            int u = byP.get(i);
            if (!(pValue[u] <= level / (m - i))) {
                break;
            }
            passed.add(u);
        }
        GateRecord.HoldoutTest first = results.get(byP.getFirst());
        // the memory of the passed units must deploy, at every task, the lift's worker or that of a passed unit that
        // changes the task: otherwise their tests would not cover it, and the last passed unit is dropped
        TrustRegionGate.Candidate composed = null;
        while (!passed.isEmpty()) {
            composed = compose.apply(passed);
            if (covered(
                    composed,
                    passed,
                    units,
                    selection,
                    liftS.stream().map(Policy::argmax).toList(),
                    test,
                    liftT,
                    onTest)) {
                break;
            }
            passed.removeLast();
            composed = null;
        }
        if (composed != null) {
            List<Double> held = new ArrayList<>();
            for (int i = 0; i < test.size(); i++) {
                EvaluationPoint x = test.get(i);
                AgentId after = composed.policy().apply(x).argmax();
                if (!after.equals(liftT.get(i))) {
                    held.add(outcomes.reward(x.task().id().value(), after)
                            - outcomes.reward(x.task().id().value(), liftT.get(i)));
                }
            }
            double[] values = held.stream().mapToDouble(Double::doubleValue).toArray();
            String names = String.join(
                    " + ",
                    passed.stream().map(u -> units.get(u).candidate().name()).toList());
            GateRecord.HoldoutTest result = new GateRecord.HoldoutTest(
                    names,
                    look,
                    looks,
                    values.length,
                    values.length == 0 ? 0 : StudentT.mean(values),
                    Objects.requireNonNull(first).lowerBound(),
                    level);
            String reason = String.format(
                    Locale.ROOT,
                    "accepted %d of %d tested units at look %d of %d, each on the held-out tasks "
                            + "it changes (Holm at level %.4f): %s",
                    passed.size(),
                    m,
                    look,
                    looks,
                    level,
                    String.join("; ", told));
            return new Decision(
                    record(
                            GateRecord.Outcome.ACCEPTED,
                            reason,
                            onboarded,
                            evaluation,
                            scores,
                            Optional.of(names),
                            Optional.of(result)),
                    List.copyOf(passed),
                    true);
        }
        String reason = String.format(
                Locale.ROOT,
                "no unit chosen on the selection tasks passed its held-out test (Holm, "
                        + "level %.4f over %d units%s: %s), so the conservative lift was kept",
                level,
                m,
                last ? "" : ", look " + look + " of " + looks,
                String.join("; ", told));
        return new Decision(
                record(
                        GateRecord.Outcome.FALLBACK,
                        reason,
                        onboarded,
                        evaluation,
                        scores,
                        Optional.empty(),
                        Optional.ofNullable(first)),
                List.of(),
                last);
    }

    private static int changedCount(List<AgentId> deployed, List<AgentId> lift) {
        int n = 0;
        for (int i = 0; i < deployed.size(); i++) {
            n += deployed.get(i).equals(lift.get(i)) ? 0 : 1;
        }
        return n;
    }

    /**
     * Whether {@code composed} deploys, at every selection and held-out task, the lift's worker where no passed unit
     * changes the task, and otherwise the worker of one of the passed units that change it. Uses no outcome.
     */
    private static boolean covered(
            TrustRegionGate.Candidate composed,
            List<Integer> passed,
            List<Unit> units,
            List<EvaluationPoint> selection,
            List<AgentId> liftS,
            List<EvaluationPoint> test,
            List<AgentId> liftT,
            List<List<AgentId>> onTest) {
        for (int i = 0; i < test.size(); i++) {
            List<AgentId> allowed = new ArrayList<>();
            for (int u : passed) {
                if (!onTest.get(u).get(i).equals(liftT.get(i))) {
                    allowed.add(onTest.get(u).get(i));
                }
            }
            AgentId after = composed.policy().apply(test.get(i)).argmax();
            if (allowed.isEmpty() ? !after.equals(liftT.get(i)) : !allowed.contains(after)) {
                return false;
            }
        }
        for (int i = 0; i < selection.size(); i++) {
            EvaluationPoint x = selection.get(i);
            List<AgentId> allowed = new ArrayList<>();
            for (int u : passed) {
                AgentId own = units.get(u).candidate().policy().apply(x).argmax();
                if (!own.equals(liftS.get(i))) {
                    allowed.add(own);
                }
            }
            AgentId after = composed.policy().apply(x).argmax();
            if (allowed.isEmpty() ? !after.equals(liftS.get(i)) : !allowed.contains(after)) {
                return false;
            }
        }
        return true;
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
    public static boolean promising(
            List<List<EvaluationPoint>> patterns,
            java.util.function.Function<EvaluationPoint, @Nullable AgentId> newcomerOf,
            PolicyRouter lift,
            TaskOutcomes outcomes) {
        for (List<EvaluationPoint> pattern : patterns) {
            java.util.Map<AgentId, Double> advantage = new java.util.HashMap<>();
            for (EvaluationPoint x : pattern) {
                AgentId newcomer = newcomerOf.apply(x);
                String task = x.task().id().value();
                AgentId top = lift.policy(x.task(), x.step(), x.producers()).argmax();
                if (newcomer == null || !outcomes.ran(task, newcomer) || !outcomes.ran(task, top)) {
                    continue; // a held-out task that tested another worker says nothing about this one
                }
                advantage.merge(newcomer, outcomes.reward(task, newcomer) - outcomes.reward(task, top), Double::sum);
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

    private GateRecord record(
            GateRecord.Outcome outcome,
            String reason,
            List<AgentId> onboarded,
            int evaluation,
            List<GateRecord.CandidateScore> scores,
            Optional<String> chosen,
            Optional<GateRecord.HoldoutTest> test) {
        return new GateRecord(outcome, reason, onboarded, delta, alpha, evaluation, scores, chosen, test);
    }
}
