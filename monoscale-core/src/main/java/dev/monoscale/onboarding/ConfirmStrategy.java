package dev.monoscale.onboarding;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Trace;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.execution.PlannedRun;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GateRule;
import dev.monoscale.gate.HoldoutGate;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.stats.Proportions;
import dev.monoscale.stats.Seeds;
import dev.monoscale.stats.StudentT;
import dev.monoscale.synthesis.WarmupTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The confirm rule ({@link GateRule#CONFIRM}; docs/gate.md). Each new worker's tasks are put in an order drawn from
 * the round's seed and parted half and half within each pattern ({@link #split}): the <em>selection</em> half and the
 * <em>confirmation</em> half.
 *
 * <ol>
 *   <li>The selection half is warmed up and scored exactly as the legacy rule scores a whole budget
 *       ({@link WholeBudgetStrategy}). The candidates inside the trust region with a positive gain there, at most
 *       {@value #MAX_CONFIRMED}, best first, go on. That choice has no guarantee: it was measured on the data it was
 *       fitted to.
 *   <li>Each new worker may then run its budget less its selection half on confirmation; the round spends these
 *       together. The confirmation tasks are drawn from the whole pool's traffic as the cards describe it, every
 *       worker's card an equal share taken in turn: a new worker's planned confirmation half and then fresh tasks from
 *       its card, and fresh tasks from each incumbent's card, for a candidate may also change how the incumbents' own
 *       work is routed (a default route changes it everywhere), and that is where it can do harm the new workers'
 *       tasks never show. Fresh tasks are the synthesizer's with {@value #RESERVE} times the budget, none repeating
 *       a planned or an earlier one. When a worker's tasks have all been drawn once (a narrow card gives the
 *       synthesizer few distinct tasks) and some of them have differing plans, its tasks are drawn again, uniformly
 *       at random with replacement, each draw run afresh with sample numbers no earlier draw of the task used. Of
 *       these, the ones that count are where some candidate's plan differs from the lift's when each of them and the
 *       lift route the whole task as deployment would. Whether plans differ is known without an outcome, and where
 *       they do not the differences are exactly 0, so choosing the tasks this way only spends the budget where it
 *       informs the test.
 *       At each of them the task's distinct plans run, {@code samples} times each (by default as often as a warm-up
 *       task runs) with the same sample numbers, and a candidate's difference there is the mean reward of its plan
 *       less the lift's.
 *   <li>After each look (a slice of the confirmation tasks, in the order drawn), Holm's step-down procedure tests the
 *       candidates' mean differences at the look's share of alpha ({@link HoldoutGate#level}): a Student-t test from
 *       {@value #MIN_TASKS} tasks, below that an exact test of full wins ({@link #confirm}); a candidate with the same
 *       plan as another at every task is the same hypothesis, and one with too few tasks to pass even the exact test
 *       is not tested (both known without an outcome, so neither counts towards Holm's m).
 *       Of those that pass, the one with the largest summed difference is accepted and the round stops. After the
 *       last look, the lift is kept.
 * </ol>
 *
 * <p>Given the selection runs, the candidates, which tasks they are tested on and the looks are fixed, and the
 * confirmation tasks are other tasks, each draw run afresh; so at each look the probability of accepting a candidate
 * whose mean gain over the pool's tasks (the synthesizer's tasks from every card, in equal shares) is at most 0 is at
 * most that look's level (to the accuracy of the t approximation), and over the looks at most alpha. A card's tasks
 * drawn once each and then again with replacement estimate the same mean as draws with replacement throughout, with
 * no more spread, so drawing again keeps the level. (A candidate's gain over that distribution is its mean difference
 * over the tasks where it changes the plan times how often it does, so the two have the same sign.) Tasks the
 * selection ran are never drawn: a worker that answers a task the same way every time would otherwise show the
 * confirmation the very outcomes the candidate was fitted to.
 */
final class ConfirmStrategy implements GateStrategy {

    /** The fewest confirmation tasks with differing plans on which a candidate gets the t test; below, an exact one. */
    static final int MIN_TASKS = 8;

    /**
     * The fewest tasks of one pattern that {@link #split} parts as a stratum of their own: twice the tasks the
     * distiller needs for an entry ({@link EvidenceDistiller#MIN_TASKS}), so that each half can hold enough of them.
     */
    static final int STRATUM = 2 * EvidenceDistiller.MIN_TASKS;

    /** The stratum of the tasks whose pattern has fewer than {@value #STRATUM} tasks: they are parted together. */
    private static final int POOLED = -1;

    /** How many times the budget the synthesizer is asked for when the planned confirmation tasks run short. */
    static final int RESERVE = 4;

    /** The most candidates the confirm rule confirms at once. */
    static final int MAX_CONFIRMED = 4;

    private final GateConfig gate;
    private final int budget;
    private final int samples;
    private final WholeBudgetStrategy chooser;

    /**
     * @param budget the warm-up tasks a new worker may run, selection and confirmation together
     * @param samples the runs of each distinct plan at a confirmation task ({@link GateConfig#runsPerPlan(int)}; by
     *     default as many as a warm-up task's runs): a worker's outcome varies from run to run, and more runs of each
     *     plan at a task shrink that part of the paired difference's spread, so that a lead shows on fewer tasks
     */
    ConfirmStrategy(GateConfig gate, int budget, int samples, PoolKind kind) {
        this.gate = gate;
        this.budget = budget;
        this.samples = samples;
        this.chooser = new WholeBudgetStrategy(gate, true, kind);
    }

    @Override
    public WarmupExecutor.Behaviour behaviour() {
        return chooser.behaviour();
    }

    @Override
    public Decision decide(Round round) {
        List<Confirming> confirming = new ArrayList<>();
        List<WarmupTask> selection = new ArrayList<>();
        round.planned().forEach((id, list) -> {
            Split split = split(HoldoutStrategy.shuffled(list, round.seed(), id), round.seed(), id);
            selection.addAll(split.selection());
            Set<String> keys = new HashSet<>();
            list.forEach(task -> keys.add(task.key()));
            confirming.add(new Confirming(
                    id,
                    split.confirmation(),
                    keys,
                    Math.max(0, budget - split.selection().size())));
        });
        List<WarmupRun> runs = round.run(selection, WarmupExecutor.Targets.NONE);
        Decision selected = chooser.decideOn(round, runs);
        List<Integer> tested = toConfirm(selected.record());
        if (tested.isEmpty()) {
            GateRecord choice = selected.record();
            GateRecord none = new GateRecord(
                    GateRecord.Outcome.FALLBACK,
                    "no candidate inside the trust region gained on the selection half, so the conservative lift "
                            + "was kept",
                    round.newcomers(),
                    choice.delta(),
                    choice.alpha(),
                    choice.evaluationTasks(),
                    choice.candidates(),
                    Optional.empty());
            return new Decision(none, Optional.empty(), selected.candidates());
        }
        List<CandidateMemory> candidates =
                tested.stream().map(selected.candidates()::get).toList();
        List<PolicyRouter> routers = candidates.stream().map(round::router).toList();
        // the confirmation tasks where some candidate's plan differs from the lift's, drawn from every card of the pool
        // in turn, up to what is left of the new workers' budgets together (which qualify is known without an outcome)
        List<Compared> differing = differing(round, confirming, routers);
        int looks = gate.looks();
        HoldoutGate levels = new HoldoutGate(gate.delta(), gate.alpha(), looks);
        List<List<Difference>> differences = new ArrayList<>();
        candidates.forEach(candidate -> differences.add(new ArrayList<>()));
        // which plan each candidate deploys at each confirmation task where some plan differs from the lift's: known
        // without an outcome, so candidates with the same plans everywhere are one hypothesis for Holm
        List<StringBuilder> signatures = new ArrayList<>();
        candidates.forEach(candidate -> signatures.add(new StringBuilder()));
        // the distinct tasks among each candidate's draws, for the record: a narrow card's tasks are drawn again
        List<Set<String>> distinct = new ArrayList<>();
        candidates.forEach(candidate -> distinct.add(new HashSet<>()));
        Confirmation result = null;
        for (int look = 1; look <= looks; look++) {
            List<Compared> compared = differing.subList(
                    HoldoutStrategy.slice(differing.size(), look - 1, looks),
                    HoldoutStrategy.slice(differing.size(), look, looks));
            List<PlannedRun> batch = new ArrayList<>();
            for (Compared c : compared) {
                batch.addAll(c.runs());
                for (int k = 0; k < routers.size(); k++) {
                    signatures.get(k).append(c.planOf().get(k)).append(',');
                    if (c.planOf().get(k) != 0) {
                        distinct.get(k).add(c.task().key());
                    }
                }
            }
            List<Trace> traces = compared.isEmpty()
                    ? List.of()
                    : round.runPlans(
                            "confirm-" + round.seed() + "-" + look,
                            batch,
                            compared.stream().map(Compared::task).toList());
            int at = 0;
            for (Compared c : compared) {
                at = c.differences(traces, at, differences);
            }
            result = confirm(
                    candidates,
                    differences,
                    signatures.stream().map(StringBuilder::toString).toList(),
                    levels.level(look),
                    look,
                    looks);
            if (result.accepted() >= 0) {
                break;
            }
        }
        Confirmation r = Objects.requireNonNull(result, "looks >= 1, so a look tested");
        return new Decision(
                record(
                        r,
                        selected.record(),
                        round.newcomers(),
                        distinct.stream().map(Set::size).toList()),
                r.accepted() >= 0 ? Optional.of(candidates.get(r.accepted())) : Optional.empty(),
                selected.candidates());
    }

    /**
     * A new worker's confirmation: its planned confirmation half, the keys ({@link WarmupTask#key}) of all its planned tasks,
     * and how many confirmation tasks it brings to the round (its budget less its selection half).
     */
    private record Confirming(AgentId id, List<WarmupTask> half, Set<String> planned, int capacity) {}

    /**
     * The confirmation tasks where some candidate's plan differs from the lift's, at most the new workers'
     * capacities together. They are drawn from the traffic of the whole pool as its cards describe it, each worker's
     * card an equal share: one stream of tasks per worker, taken in turn. A new worker's stream is its planned
     * confirmation half, then fresh tasks from its card; an incumbent's is fresh tasks from its card, for a candidate
     * may also change how the incumbents' own work is routed (a default route does, everywhere). A stream's fresh
     * tasks are the synthesizer's with {@value #RESERVE} times the budget, in the round's seeded order, leaving out
     * any that repeats a planned task or one already drawn. A stream whose tasks are all drawn goes on drawing them
     * again at random while any of them has differing plans ({@link Stream}). Which tasks qualify is known without
     * running anything.
     */
    private List<Compared> differing(Round round, List<Confirming> confirming, List<PolicyRouter> routers) {
        int capacity = confirming.stream().mapToInt(Confirming::capacity).sum();
        Set<String> seen = new HashSet<>();
        confirming.forEach(mine -> seen.addAll(mine.planned()));
        List<Stream> streams = new ArrayList<>();
        for (AgentId worker : round.workers()) {
            List<WarmupTask> first = confirming.stream()
                    .filter(mine -> mine.id().equals(worker))
                    .findFirst()
                    .map(Confirming::half)
                    .orElse(List.of());
            streams.add(new Stream(round, worker, first, seen));
        }
        // the plans at a task do not change when it is drawn again, and each draw of it runs with sample numbers of
        // its own, so that a task drawn again is run afresh
        Map<String, Optional<Compared>> plans = new HashMap<>();
        Map<String, Integer> draws = new HashMap<>();
        List<Compared> out = new ArrayList<>();
        while (out.size() < capacity && !streams.isEmpty()) {
            for (Iterator<Stream> it = streams.iterator(); it.hasNext() && out.size() < capacity; ) {
                Stream stream = it.next();
                Optional<WarmupTask> next = stream.next();
                if (next.isEmpty()) {
                    it.remove();
                    continue;
                }
                WarmupTask task = next.get();
                String key = task.key();
                Optional<Compared> compared = plans.computeIfAbsent(key, k -> compare(task, round.lift(), routers));
                if (compared.isPresent()) {
                    stream.differs();
                    out.add(compared.get().drawn(draws.merge(key, 1, Integer::sum) - 1));
                }
            }
        }
        return out;
    }

    /**
     * One worker's confirmation tasks, drawn one at a time: {@code first}, then fresh tasks from its card, which are
     * synthesized only when {@code first} runs out; together they are the stream's <em>population</em>, each drawn
     * once in this first pass. When the first pass is over, and some task of the population has differing plans, the
     * stream goes on drawing from its population uniformly at random, with replacement; otherwise it ends.
     */
    private final class Stream {
        private final Round round;
        private final AgentId worker;
        private final Set<String> seen;
        private final Iterator<WarmupTask> first;
        private @Nullable Iterator<WarmupTask> fresh;
        private final List<WarmupTask> population = new ArrayList<>();
        private boolean differs;
        private int redrawn;

        Stream(Round round, AgentId worker, List<WarmupTask> first, Set<String> seen) {
            this.round = round;
            this.worker = worker;
            this.first = first.iterator();
            this.seen = seen;
        }

        /** Marks that a task this stream drew has differing plans, so drawing again from its population can count. */
        void differs() {
            differs = true;
        }

        Optional<WarmupTask> next() {
            Optional<WarmupTask> task = firstPass();
            if (task.isPresent()) {
                population.add(task.get());
                return task;
            }
            if (!differs || population.isEmpty()) {
                return Optional.empty();
            }
            double u = Seeds.uniform(round.seed(), "confirm-redraw", worker, redrawn++);
            return Optional.of(population.get(Math.min(population.size() - 1, (int) (u * population.size()))));
        }

        private Optional<WarmupTask> firstPass() {
            if (first.hasNext()) {
                return Optional.of(first.next());
            }
            Iterator<WarmupTask> more = fresh;
            if (more == null) {
                more = HoldoutStrategy.shuffled(round.synthesize(worker, RESERVE * budget), round.seed(), worker)
                        .iterator();
                fresh = more;
            }
            while (more.hasNext()) {
                WarmupTask task = more.next();
                if (seen.add(task.key())) {
                    return Optional.of(task);
                }
            }
            return Optional.empty();
        }
    }

    /** A new worker's planned tasks, parted into the selection half and the confirmation half, each in order. */
    record Split(List<WarmupTask> selection, List<WarmupTask> confirmation) {}

    /**
     * Parts {@code order} half and half within each pattern of at least {@value #STRATUM} tasks: the tasks whose
     * probed steps read alike, grouped as the distiller groups its evidence ({@link EvidenceTable#patternsOf}, from
     * the words alone). A stratum's tasks, in order, go alternately to the selection and the confirmation half,
     * beginning with the one a coin drawn from {@code seed} names, so that its odd task goes to either half with even
     * odds. The tasks of smaller patterns are one more stratum, parted the same way: a plan of tasks that are all
     * unlike each other (questions from a dataset) is parted into two halves drawn at random, as without strata, and
     * a pattern of 2 or 3 tasks keeps the chance a random split gives it of enough selection tasks for an entry.
     *
     * <p>A split drawn at random as a whole can leave a pattern of 4 or more tasks with one task in the selection half
     * and the rest in the confirmation half; then the distiller has too few runs to write an entry for it (SPIBB's
     * minimum), and the confirmation tests nothing there. Parting such a pattern evenly is stratified sampling: the
     * split still reads no outcome, so the confirmation tasks are as independent of the choice as before.
     */
    static Split split(List<WarmupTask> order, long seed, AgentId worker) {
        int[] pattern = EvidenceTable.patternsOf(
                order.stream().map(WarmupTask::probedText).toList());
        int[] size = new int[order.size()];
        for (int p : pattern) {
            size[p]++;
        }
        Map<Integer, Integer> seen = new HashMap<>();
        List<WarmupTask> selection = new ArrayList<>();
        List<WarmupTask> confirmation = new ArrayList<>();
        for (int t = 0; t < order.size(); t++) {
            int stratum = size[pattern[t]] >= STRATUM ? pattern[t] : POOLED;
            int before = seen.merge(stratum, 1, Integer::sum) - 1;
            int first = Seeds.uniform(seed, "split", worker, stratum) < 0.5 ? 0 : 1;
            ((before + first) % 2 == 0 ? selection : confirmation).add(order.get(t));
        }
        return new Split(List.copyOf(selection), List.copyOf(confirmation));
    }

    /** The candidates to confirm: inside the trust region and gaining on the selection half, best first, at most 4. */
    private static List<Integer> toConfirm(GateRecord choice) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < choice.candidates().size(); c++) {
            GateRecord.CandidateScore score = choice.candidates().get(c);
            if (score.withinTrustRegion() && score.gain() > 0) {
                order.add(c);
            }
        }
        order.sort(Comparator.comparingDouble(
                (Integer c) -> -choice.candidates().get(c).gain()));
        return List.copyOf(order.subList(0, Math.min(MAX_CONFIRMED, order.size())));
    }

    /**
     * One confirmation task to run: its distinct plans (the lift's first), {@code runsPerPlan} runs of each with the
     * sample numbers {@code firstSample}, {@code firstSample + 1}, ..., and the plan each candidate deploys there (an
     * index into the plans; 0 is the lift's).
     */
    private record Compared(WarmupTask task, List<Plan> plans, int runsPerPlan, int firstSample, List<Integer> planOf) {

        /** This task at its {@code draw}-th draw (from 0): the same plans, run with sample numbers no earlier draw used. */
        Compared drawn(int draw) {
            return new Compared(task, plans, runsPerPlan, draw * runsPerPlan, planOf);
        }

        List<PlannedRun> runs() {
            List<PlannedRun> runs = new ArrayList<>();
            for (Plan plan : plans) {
                for (int sample = firstSample; sample < firstSample + runsPerPlan; sample++) {
                    runs.add(new PlannedRun(task.task(), plan, sample));
                }
            }
            return runs;
        }

        /**
         * Adds, for every candidate whose plan differs from the lift's here, its difference at this task, read from
         * {@code traces} at {@code at} in the order of {@link #runs}; returns where the next task's traces start.
         */
        int differences(List<Trace> traces, int at, List<List<Difference>> differences) {
            double[] reward = new double[plans.size()];
            double[] score = new double[plans.size()];
            int next = at;
            for (int q = 0; q < plans.size(); q++) {
                for (int sample = 0; sample < runsPerPlan; sample++) {
                    Trace trace = traces.get(next++);
                    reward[q] += trace.verdict().reward() / runsPerPlan;
                    score[q] += trace.verdict().score() / runsPerPlan;
                }
            }
            for (int c = 0; c < planOf.size(); c++) {
                int q = planOf.get(c);
                if (q != 0) {
                    differences.get(c).add(new Difference(reward[q] - reward[0], score[q] == 1 && score[0] == 0));
                }
            }
            return next;
        }
    }

    /**
     * A candidate's result at one confirmation task where its plan differs from the lift's.
     *
     * @param reward its plan's mean reward less the lift's plan's
     * @param fullWin whether every run of its plan scored 1 and every run of the lift's scored 0
     */
    record Difference(double reward, boolean fullWin) {}

    /** The task's plans under the lift and each candidate; empty when every candidate deploys the lift's plan. */
    private Optional<Compared> compare(WarmupTask task, PolicyRouter lift, List<PolicyRouter> routers) {
        List<Plan> plans = new ArrayList<>(List.of(lift.route(task.task())));
        List<Integer> planOf = new ArrayList<>();
        for (int c = 0; c < routers.size(); c++) {
            Plan plan = routers.get(c).route(task.task());
            int same = -1;
            for (int q = 0; q < plans.size() && same < 0; q++) {
                same = plans.get(q).workers().equals(plan.workers()) ? q : -1;
            }
            if (same < 0) {
                plans.add(plan);
                same = plans.size() - 1;
            }
            planOf.add(same);
        }
        return plans.size() == 1
                ? Optional.empty()
                : Optional.of(new Compared(task, List.copyOf(plans), samples, 0, List.copyOf(planOf)));
    }

    /**
     * The gate record of the last look: the accepted candidate's test, or the one closest to passing; {@code distinct}
     * is how many distinct tasks each candidate's draws were.
     */
    private static GateRecord record(Confirmation r, GateRecord choice, List<AgentId> ids, List<Integer> distinct) {
        GateRecord.HoldoutTest t = r.tests().get(r.accepted() >= 0 ? r.accepted() : r.closest());
        String summary = r.summary(distinct);
        return r.accepted() >= 0
                ? new GateRecord(
                        GateRecord.Outcome.ACCEPTED,
                        "accepted '%s', confirmed against the lift at look %d of %d (Holm at level %s): %s"
                                .formatted(t.candidate(), t.look(), t.looks(), number(t.level()), summary),
                        ids,
                        choice.delta(),
                        choice.alpha(),
                        choice.evaluationTasks(),
                        choice.candidates(),
                        Optional.of(t.candidate()),
                        Optional.of(t))
                : new GateRecord(
                        GateRecord.Outcome.FALLBACK,
                        ("no candidate chosen on the selection half was "
                                        + "confirmed against the lift on the confirmation tasks where their plans differ (Holm at "
                                        + "level %s; a t test from %d tasks, an exact test of full wins below): %s, so the "
                                        + "conservative lift was kept")
                                .formatted(number(t.level()), MIN_TASKS, summary),
                        ids,
                        choice.delta(),
                        choice.alpha(),
                        choice.evaluationTasks(),
                        choice.candidates(),
                        Optional.empty(),
                        Optional.of(t));
    }

    /**
     * Whether a candidate whose plan differs from the lift's on {@code tasks} confirmation tasks is tested at
     * {@code level}: with the t test from {@value #MIN_TASKS} tasks, below that when all full wins could pass.
     */
    static boolean tested(int tasks, double level) {
        return tasks >= MIN_TASKS || (tasks > 0 && Math.pow(0.5, tasks) <= level);
    }

    /**
     * One look of the confirm rule: every candidate's test, its full wins where it had the exact test (-1 where it
     * had the t test or none), the one accepted (an index, or -1), and the one closest to passing (smallest p-value).
     */
    record Confirmation(
            List<GateRecord.HoldoutTest> tests,
            List<Double> pValues,
            List<Integer> fullWins,
            int accepted,
            int closest) {

        String summary() {
            return summary(List.of());
        }

        /**
         * Every candidate's numbers; where {@code distinct} says a candidate's draws were fewer distinct tasks (a
         * narrow card's tasks drawn again), "over 40 draws of 9 tasks" instead of "over 40 tasks".
         */
        String summary(List<Integer> distinct) {
            List<String> parts = new ArrayList<>();
            for (int c = 0; c < tests.size(); c++) {
                GateRecord.HoldoutTest t = tests.get(c);
                String tasks = c < distinct.size() && distinct.get(c) < t.tasks()
                        ? "%d draws of %d tasks".formatted(t.tasks(), distinct.get(c))
                        : "%d tasks".formatted(t.tasks());
                if (fullWins.get(c) >= 0) {
                    parts.add("'%s' %d full wins of %s, p %s"
                            .formatted(t.candidate(), fullWins.get(c), tasks, number(pValues.get(c))));
                } else if (t.tasks() >= MIN_TASKS) {
                    parts.add("'%s' %s over %s, p %s"
                            .formatted(t.candidate(), number(t.gain()), tasks, number(pValues.get(c))));
                } else {
                    parts.add("'%s' changes the plan on %s".formatted(t.candidate(), tasks));
                }
            }
            return String.join("; ", parts);
        }
    }

    /**
     * Holm's step-down test of the candidates' mean paired differences at {@code level}: in order of p-value, the
     * i-th of m hypotheses (from 0) passes at level / (m − i), the first that fails ending it.
     *
     * <p>A candidate with at least {@value #MIN_TASKS} tasks gets a one-sided Student-t test of its mean reward
     * difference. One with fewer, or whose differences are all equal (where t would claim certainty), gets an exact
     * test instead: a difference in accuracy lies in [−1, 1], so if the
     * candidate's mean accuracy gain is at most 0, a task is a full win (its plan right on every run, the lift's wrong
     * on every run) with probability at most 1/2 (Markov's inequality on the difference plus 1), and the full wins
     * of n tasks are at most Binomial(n, 1/2); its p-value is that tail at the wins seen. A candidate with so few tasks
     * that even n full wins would not pass at {@code level} ({@code 2^-n > level}) is not tested and has p = 1, as
     * Tarone's rule for discrete tests allows. Which test a candidate gets, and whether it is tested, depend on its
     * number of tasks only, an outcome-free fact.
     *
     * <p>Candidates with the same {@code signatures} (the same plan at every confirmation task, also outcome-free)
     * have the same differences and are one hypothesis. So m counts the distinct signatures of the tested
     * candidates, and a candidate's recorded bound is at level / m: Student's for the t test, and for the exact test
     * 2 q − 1 with q the Clopper–Pearson lower bound on its rate of full wins (a lower bound on its accuracy gain).
     * Of those that pass, the one with the largest summed difference (the mean times the tasks it changes: its
     * estimated gain over the confirmation tasks) is accepted, the first in the candidates' order on a tie.
     */
    static Confirmation confirm(
            List<CandidateMemory> candidates,
            List<List<Difference>> differences,
            List<String> signatures,
            double level,
            int look,
            int looks) {
        // one representative per signature among the tested candidates, the first that has it
        List<Integer> byP = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            if (tested(differences.get(c).size(), level) && signatures.indexOf(signatures.get(c)) == c) {
                byP.add(c);
            }
        }
        int m = byP.size();
        List<GateRecord.HoldoutTest> tests = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<Integer> fullWins = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            List<Difference> mine = differences.get(c);
            double[] d = mine.stream().mapToDouble(Difference::reward).toArray();
            int n = d.length;
            double mean = StudentT.mean(d);
            double pValue = 1;
            double bound = -1;
            int wins = -1;
            double sd = n >= MIN_TASKS ? StudentT.standardDeviation(d, mean) : 0;
            if (n >= MIN_TASKS && sd > 0) {
                pValue = StudentT.upperTail(mean / (sd / Math.sqrt(n)), n - 1);
                bound = StudentT.lowerBound(d, level / m);
            } else if (tested(n, level)) {
                wins = (int) mine.stream().filter(Difference::fullWin).count();
                pValue = Proportions.binomialUpperTail(n, wins, 0.5);
                bound = 2 * Proportions.clopperPearsonLower(n, wins, level / m) - 1;
            }
            tests.add(new GateRecord.HoldoutTest(candidates.get(c).name(), look, looks, n, mean, bound, level));
            p.add(pValue);
            fullWins.add(wins);
        }
        byP.sort(Comparator.comparingDouble(p::get));
        int accepted = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            int c = byP.get(i);
            if (!(p.get(c) <= level / (m - i))) {
                break;
            }
            double total = tests.get(c).gain() * tests.get(c).tasks();
            if (total > best) {
                best = total;
                accepted = c;
            }
        }
        int closest = 0;
        for (int c = 1; c < candidates.size(); c++) {
            closest = p.get(c) < p.get(closest) ? c : closest;
        }
        return new Confirmation(tests, p, fullWins, accepted, closest);
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }
}
