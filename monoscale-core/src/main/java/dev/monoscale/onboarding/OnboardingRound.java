package dev.monoscale.onboarding;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Worker;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.distillation.Distiller;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.evidence.PatternEvidence;
import dev.monoscale.execution.PlanExecution;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.gate.EvaluationPoint;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.gate.GateRule;
import dev.monoscale.gate.HoldoutGate;
import dev.monoscale.gate.TaskOutcomes;
import dev.monoscale.gate.TrustRegionGate;
import dev.monoscale.gate.ValueEstimates;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.LeaveOut;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.Probe;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.stats.Interval;
import dev.monoscale.stats.Proportions;
import dev.monoscale.stats.Seeds;
import dev.monoscale.synthesis.WarmupSynthesizer;
import dev.monoscale.synthesis.WarmupTask;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One onboarding round (DESIGN.md §4): for the workers joining the pool, synthesize warm-up tasks from the
 * cards, run them under the behaviour policy, distill the evidence into candidate memories, let the
 * trust-region gate accept one or keep the conservative lift, and append the resulting version to the store.
 *
 * <p>With {@link GateRule#HOLDOUT} the warm-up runs in {@link dev.monoscale.gate.GateConfig#looks()} batches, each a slice
 * of every new worker's tasks in a seeded order; alternate tasks of that order are held out. After each batch the
 * candidates are distilled from the selection half only and the {@link HoldoutGate} chooses one there and tests it
 * on the held-out half; the round stops at the first passed test, when no candidate can be chosen, or when the
 * budget ({@link RoundConfig#warmupTasks()} per new worker) is spent, and reports the tasks it ran. With
 * {@link GateRule#LEGACY}, or the gate off, the whole budget runs at once and every run is used for both.
 *
 * <p>The round always appends exactly one version built on the head it started from, so a round that races
 * another fails with a conflict instead of overwriting it, and a crash before the append leaves the store as
 * it was.
 */
public final class OnboardingRound {

    /** The parts a round is made of. */
    public record Parts(WarmupSynthesizer synthesizer, Function<AgentId, Worker> workers, Checker checker, Distiller distiller,
            MemoryRouting routing, MemoryStore store, InstantSource clock) {}

    /** The fewest confirmation tasks with differing plans that the confirm rule tests on; with fewer it keeps the lift. */
    static final int MIN_CONFIRMATION_TASKS = 8;

    private final Parts parts;
    private final RoundConfig config;
    private final GatePolicy policy;
    private final PoolKind kind;
    private final PlanExecution execution;

    /**
     * @param policy whether the update must pass the gate ({@link GatePolicy#UNGATED} is the benchmarks' ablation)
     * @param kind what kind of workers the pool holds, which decides how the warm-up compares and values them
     */
    public OnboardingRound(Parts parts, RoundConfig config, GatePolicy policy, PoolKind kind) {
        this(parts, config, policy, kind, PlanExecution.inProcess(parts.workers(), parts.checker()));
    }

    /**
     * A round whose warm-up calls {@code execution} makes (an engine such as Temporal) instead of this process;
     * everything else, and so the memory for a given seed, is the same.
     */
    public OnboardingRound(Parts parts, RoundConfig config, GatePolicy policy, PoolKind kind, PlanExecution execution) {
        this.parts = parts;
        this.config = config;
        this.policy = policy;
        this.kind = kind;
        this.execution = execution;
    }

    /**
     * Onboards {@code newcomers} into {@code before}, on the store's head. An empty store is first given the initial
     * version, with {@code before}'s workers validated (see {@link Onboarding#start}).
     */
    public RoundReport run(Pool before, List<AgentCard> newcomers, WarmupExecutor.Progress progress) {
        Instant started = parts.clock().instant();
        MemoryStore store = parts.store();
        RoutingMemory head = Onboarding.headOrInitial(store, before.ids(), started);
        Pool pool = before.plus(newcomers);
        PolicyRouter lift = parts.routing().router(pool, head);
        long seed = Seeds.mix(config.seed(), "round", head.version().next());

        Map<AgentId, List<WarmupTask>> planned = new LinkedHashMap<>();
        for (AgentCard newcomer : newcomers) {
            planned.put(newcomer.id(), parts.synthesizer().synthesize(newcomer, pool, config.warmupTasks()));
        }
        List<AgentId> ids = newcomers.stream().map(AgentCard::id).toList();
        boolean generalists = kind == PoolKind.GENERALISTS;
        if (policy == GatePolicy.GATED && config.gate().rule() == GateRule.CONFIRM) {
            return confirmed(newcomers, planned, head, pool, lift, seed, started, progress);
        }
        boolean holdout = policy == GatePolicy.GATED && config.gate().rule() == GateRule.HOLDOUT;
        WarmupExecutor executor = new WarmupExecutor(execution, seed,
                generalists ? WarmupExecutor.Behaviour.PAIRED
                        : holdout ? WarmupExecutor.Behaviour.TARGETED : WarmupExecutor.Behaviour.REPEATED);
        int looks = holdout ? config.gate().looks() : 1;
        int perTask = generalists ? Math.min(config.samples(), pool.size()) : config.samples();
        int budget = planned.values().stream().mapToInt(List::size).sum() * perTask;
        // holdout: each newcomer's tasks in an order drawn from the seed; batch k is the k-th slice of every
        // newcomer's order, and alternate tasks of an order go to the selection and the held-out half
        Map<AgentId, List<WarmupTask>> order = new LinkedHashMap<>();
        Set<String> heldOut = new HashSet<>();
        planned.forEach((id, list) -> {
            List<WarmupTask> shuffled = holdout ? shuffled(list, seed, id) : list;
            order.put(id, shuffled);
            for (int i = 1; i < shuffled.size(); i += 2) {
                heldOut.add(shuffled.get(i).task().id().value());
            }
        });
        List<WarmupTask> tasks = new ArrayList<>();
        List<WarmupRun> runs = new ArrayList<>();
        Map<AgentId, Integer> taskCounts = new HashMap<>();
        RoundDecision decision = null;
        Distilled distilled = null;
        for (int look = 1; look <= looks; look++) {
            List<WarmupTask> batch = new ArrayList<>();
            for (Map.Entry<AgentId, List<WarmupTask>> e : order.entrySet()) {
                List<WarmupTask> mine = e.getValue();
                int from = slice(mine.size(), look - 1, looks);
                int to = slice(mine.size(), look, looks);
                batch.addAll(mine.subList(from, to));
                taskCounts.merge(e.getKey(), to - from, Integer::sum);
            }
            if (holdout) {
                // the selection tasks first; then the held-out ones, running at each probed step the workers that the
                // candidates distilled from the selection half so far would deploy there, so the test compares the
                // candidate it tests with the lift on the same tasks
                List<WarmupTask> chosenFrom = batch.stream().filter(task -> !heldOut.contains(task.task().id().value())).toList();
                List<WarmupTask> testedOn = batch.stream().filter(task -> heldOut.contains(task.task().id().value())).toList();
                int before0 = runs.size();
                runs.addAll(executor.run(chosenFrom, lift, config.samples(), targets(decision == null ? List.of() : decision.scored()),
                        (done, total) -> progress.ran(before0 + done, budget)));
                // the held-out runs cannot change what the selection half gives, so the look below reuses this
                distilled = distilled(runs, heldOut, ids, lift, head, pool, started);
                int before1 = runs.size();
                runs.addAll(executor.run(testedOn, lift, config.samples(), targets(distilled.scored()),
                        (done, total) -> progress.ran(before1 + done, budget)));
            } else {
                int before0 = runs.size();
                runs.addAll(executor.run(batch, lift, config.samples(), (done, total) -> progress.ran(before0 + done, budget)));
            }
            tasks.addAll(batch);
            decision = holdout
                    ? holdoutLook(look, runs, heldOut, ids, head, pool, lift, started, Objects.requireNonNull(distilled))
                    : wholeBudget(runs, ids, head, pool, lift, started, seed, generalists);
            if (decision.stop()) {
                break;
            }
        }
        Objects.requireNonNull(decision, "looks >= 1, so a look decided");
        long calls = runs.stream().mapToLong(run -> run.trace().steps().size()).sum();
        return finish(newcomers, taskCounts, runs, head, decision, tasks.size(), calls, started);
    }

    /** Appends the version the round decided on, with the evidence of its warm-up runs, and reports. */
    private RoundReport finish(List<AgentCard> newcomers, Map<AgentId, Integer> taskCounts, List<WarmupRun> runs, RoutingMemory head,
            RoundDecision decision, int tasks, long calls, Instant started) {
        EvidenceTable evidence = EvidenceTable.of(runs);
        List<MemoryEntry> added = decision.accepted().map(CandidateMemory::added).orElse(List.of());
        List<RoundReport.WorkerReport> reports = workerReports(newcomers, taskCounts, evidence);
        RoutingMemory next = head.next(head.validated(), plus(head.entries(), added), decision.record(), parts.clock().instant())
                .withProbes(probes(reports));
        parts.store().append(next);
        return new RoundReport(next.version(), reports, added, decision.record(),
                tasks, calls, Duration.between(started, parts.clock().instant()), decision.candidates());
    }

    /**
     * The confirm rule ({@link GateRule#CONFIRM}). Each new worker's tasks are put in an order drawn from the seed;
     * the first half of that order is the <em>selection</em> half, the rest the <em>confirmation</em> half. The
     * selection half is warmed up and decided exactly as the legacy rule decides on a whole budget (candidates
     * distilled from its runs, scored on them, the largest gain inside the trust region with a bootstrap lower bound
     * above zero chosen). That choice has no guarantee: it is tested on the data it was fitted to. It is then
     * confirmed on data it has never seen: at each confirmation task, the chosen memory's router and the lift route
     * the whole task as deployment would; where the plans differ (an outcome-free check), each plan runs half the
     * samples, with the same sample numbers, and the task's difference is the mean reward of the chosen plan less
     * that of the lift's. Tasks where the plans agree differ by exactly 0 and are not run. After each of the looks
     * (a slice of every new worker's confirmation half), a one-sided Student-t lower bound on the mean difference at
     * the look's share of alpha ({@link HoldoutGate#level}) decides: above 0, the memory is accepted and the round
     * stops; otherwise, after the last look, the lift is kept.
     *
     * <p>Given the selection runs, the candidate and the set of looks are fixed, and the confirmation runs are new
     * tasks independent of them, so at each look the probability of a bound above 0 for a candidate whose mean gain
     * over the confirmation tasks' distribution is at most 0 is at most that look's level (to the accuracy of the t
     * approximation), and over the looks at most alpha.
     */
    private RoundReport confirmed(List<AgentCard> newcomers, Map<AgentId, List<WarmupTask>> planned, RoutingMemory head, Pool pool,
            PolicyRouter lift, long seed, Instant started, WarmupExecutor.Progress progress) {
        List<AgentId> ids = newcomers.stream().map(AgentCard::id).toList();
        boolean generalists = kind == PoolKind.GENERALISTS;
        Map<AgentId, List<WarmupTask>> confirming = new LinkedHashMap<>();
        List<WarmupTask> selection = new ArrayList<>();
        Map<AgentId, Integer> taskCounts = new HashMap<>();
        planned.forEach((id, list) -> {
            List<WarmupTask> order = shuffled(list, seed, id);
            int half = (order.size() + 1) / 2;
            selection.addAll(order.subList(0, half));
            confirming.put(id, order.subList(half, order.size()));
            taskCounts.put(id, half);
        });
        int perTask = generalists ? Math.min(config.samples(), pool.size()) : config.samples();
        int budget = planned.values().stream().mapToInt(List::size).sum() * perTask;
        WarmupExecutor executor = new WarmupExecutor(execution, seed,
                generalists ? WarmupExecutor.Behaviour.PAIRED : WarmupExecutor.Behaviour.REPEATED);
        List<WarmupRun> runs = executor.run(selection, lift, config.samples(), progress);
        RoundDecision selected = wholeBudget(runs, ids, head, pool, lift, started, seed, generalists);
        GateRecord choice = selected.record();
        long calls = runs.stream().mapToLong(run -> run.trace().steps().size()).sum();
        // the candidates to confirm: inside the trust region and gaining on the selection half, best first
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < choice.candidates().size(); c++) {
            GateRecord.CandidateScore score = choice.candidates().get(c);
            if (score.withinTrustRegion() && score.gain() > 0) {
                order.add(c);
            }
        }
        order.sort(Comparator.comparingDouble((Integer c) -> -choice.candidates().get(c).gain()));
        List<Integer> tested = List.copyOf(order.subList(0, Math.min(MAX_CONFIRMED, order.size())));
        if (tested.isEmpty()) {
            GateRecord none = new GateRecord(GateRecord.Outcome.FALLBACK,
                    "no candidate inside the trust region gained on the selection half, so the conservative lift was kept", ids,
                    choice.delta(), choice.alpha(), choice.evaluationTasks(), choice.candidates(), Optional.empty());
            return finish(newcomers, taskCounts, runs, head, new RoundDecision(none, Optional.empty(), true, selected.candidates(), List.of()),
                    selection.size(), calls, started);
        }
        List<CandidateMemory> candidates = tested.stream().map(selected.candidates()::get).toList();
        List<PolicyRouter> routers = candidates.stream().map(candidate -> parts.routing().router(pool,
                head.next(head.validated(), plus(head.entries(), candidate.added()), GateRecord.initial(), started))).toList();
        int looks = config.gate().looks();
        HoldoutGate levels = new HoldoutGate(config.gate().delta(), config.gate().alpha(), looks);
        List<List<Double>> differences = new ArrayList<>();
        candidates.forEach(candidate -> differences.add(new ArrayList<>()));
        // which plan each candidate deploys at each confirmation task where some plan differs from the lift's: known
        // without an outcome, so candidates with the same plans everywhere are one hypothesis for Holm
        List<StringBuilder> signatures = new ArrayList<>();
        candidates.forEach(candidate -> signatures.add(new StringBuilder()));
        int ran = selection.size();
        int done = runs.size();
        Confirmation result = null;
        for (int look = 1; look <= looks; look++) {
            List<dev.monoscale.execution.PlannedRun> batch = new ArrayList<>();
            List<int[]> layout = new ArrayList<>();
            for (Map.Entry<AgentId, List<WarmupTask>> e : confirming.entrySet()) {
                List<WarmupTask> mine = e.getValue();
                for (WarmupTask task : mine.subList(slice(mine.size(), look - 1, looks), slice(mine.size(), look, looks))) {
                    // the task's distinct plans, the lift's first; each candidate points at its plan
                    List<dev.monoscale.core.Plan> plans = new ArrayList<>(List.of(lift.route(task.task())));
                    int[] planOf = new int[candidates.size()];
                    for (int c = 0; c < candidates.size(); c++) {
                        dev.monoscale.core.Plan plan = routers.get(c).route(task.task());
                        int same = -1;
                        for (int q = 0; q < plans.size() && same < 0; q++) {
                            same = plans.get(q).workers().equals(plan.workers()) ? q : -1;
                        }
                        if (same < 0) {
                            plans.add(plan);
                            same = plans.size() - 1;
                        }
                        planOf[c] = same;
                    }
                    if (plans.size() == 1) {
                        continue;
                    }
                    for (int c = 0; c < candidates.size(); c++) {
                        signatures.get(c).append(planOf[c]).append(',');
                    }
                    int runsPerPlan = Math.max(1, config.samples() / plans.size());
                    for (dev.monoscale.core.Plan plan : plans) {
                        for (int sample = 0; sample < runsPerPlan; sample++) {
                            batch.add(new dev.monoscale.execution.PlannedRun(task.task(), plan, sample));
                        }
                    }
                    int[] entry = new int[2 + candidates.size()];
                    entry[0] = plans.size();
                    entry[1] = runsPerPlan;
                    System.arraycopy(planOf, 0, entry, 2, planOf.length);
                    layout.add(entry);
                    taskCounts.merge(e.getKey(), 1, Integer::sum);
                    ran++;
                }
            }
            int before = done;
            List<dev.monoscale.core.Trace> traces = execution.run("confirm-" + seed + "-" + look, batch,
                    (finished, total) -> progress.ran(before + finished, budget));
            done += traces.size();
            calls += traces.stream().mapToLong(trace -> trace.steps().size()).sum();
            int at = 0;
            for (int[] entry : layout) {
                int planCount = entry[0];
                int runsPerPlan = entry[1];
                double[] reward = new double[planCount];
                for (int q = 0; q < planCount; q++) {
                    for (int sample = 0; sample < runsPerPlan; sample++) {
                        reward[q] += traces.get(at++).verdict().reward() / runsPerPlan;
                    }
                }
                for (int c = 0; c < candidates.size(); c++) {
                    if (entry[2 + c] != 0) {
                        differences.get(c).add(reward[entry[2 + c]] - reward[0]);
                    }
                }
            }
            result = confirm(candidates, differences, signatures.stream().map(StringBuilder::toString).toList(), levels.level(look),
                    look, looks);
            if (result.accepted() >= 0) {
                break;
            }
        }
        Confirmation r = Objects.requireNonNull(result, "looks >= 1, so a look tested");
        GateRecord.HoldoutTest t = r.tests().get(r.accepted() >= 0 ? r.accepted() : r.closest());
        String summary = r.summary();
        GateRecord record = r.accepted() >= 0
                ? new GateRecord(GateRecord.Outcome.ACCEPTED, "accepted '%s', confirmed against the lift at look %d of %d (Holm at level %s): %s"
                        .formatted(t.candidate(), t.look(), t.looks(), number(t.level()), summary), ids, choice.delta(), choice.alpha(),
                        choice.evaluationTasks(), choice.candidates(), Optional.of(t.candidate()), Optional.of(t))
                : new GateRecord(GateRecord.Outcome.FALLBACK, ("no candidate chosen on the selection half was confirmed against the lift on the "
                        + "confirmation tasks where their plans differ (Holm at level %s, at least %d tasks): %s, so the conservative lift was kept")
                        .formatted(number(t.level()), MIN_CONFIRMATION_TASKS, summary), ids, choice.delta(), choice.alpha(),
                        choice.evaluationTasks(), choice.candidates(), Optional.empty(), Optional.of(t));
        RoundDecision decision = new RoundDecision(record, r.accepted() >= 0 ? Optional.of(candidates.get(r.accepted())) : Optional.empty(),
                true, selected.candidates(), List.of());
        return finish(newcomers, taskCounts, runs, head, decision, ran, calls, started);
    }

    /** The most candidates the confirm rule confirms at once. */
    static final int MAX_CONFIRMED = 4;

    /**
     * One look of the confirm rule: every tested candidate's test, the one accepted (an index, or -1), and the one
     * closest to passing (smallest p-value).
     */
    record Confirmation(List<GateRecord.HoldoutTest> tests, List<Double> pValues, int accepted, int closest) {

        String summary() {
            List<String> parts = new ArrayList<>();
            for (int c = 0; c < tests.size(); c++) {
                GateRecord.HoldoutTest t = tests.get(c);
                parts.add(t.tasks() < MIN_CONFIRMATION_TASKS
                        ? "'%s' changes the plan on %d tasks".formatted(t.candidate(), t.tasks())
                        : "'%s' %s over %d tasks, p %s".formatted(t.candidate(), number(t.gain()), t.tasks(), number(pValues.get(c))));
            }
            return String.join("; ", parts);
        }
    }

    /**
     * Holm's step-down test of the candidates' mean paired differences at {@code level}: in order of p-value, the
     * i-th of m hypotheses (from 0) passes at level / (m − i), the first that fails ending it. Candidates with the same
     * {@code signatures} (the same plan at every confirmation task, an outcome-free fact) have the same differences
     * and are one hypothesis, so m counts distinct signatures. A candidate with fewer than
     * {@value #MIN_CONFIRMATION_TASKS} tasks counts with p = 1. Of those that pass, the one with the largest summed
     * difference (the mean times the tasks it changes: its estimated gain over the confirmation tasks) is accepted,
     * the first in the candidates' order on a tie.
     */
    static Confirmation confirm(List<CandidateMemory> candidates, List<List<Double>> differences, List<String> signatures, double level,
            int look, int looks) {
        int m = (int) signatures.stream().distinct().count();
        List<GateRecord.HoldoutTest> tests = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        for (int c = 0; c < m; c++) {
            double[] d = differences.get(c).stream().mapToDouble(Double::doubleValue).toArray();
            double mean = dev.monoscale.stats.StudentT.mean(d);
            double pValue = 1;
            double bound = -1;
            if (d.length >= MIN_CONFIRMATION_TASKS) {
                double sd = dev.monoscale.stats.StudentT.standardDeviation(d, mean);
                pValue = sd == 0 ? (mean > 0 ? 0 : 1) : dev.monoscale.stats.StudentT.upperTail(mean / (sd / Math.sqrt(d.length)), d.length - 1);
                bound = dev.monoscale.stats.StudentT.lowerBound(d, level / m);
            }
            tests.add(new GateRecord.HoldoutTest(candidates.get(c).name(), look, looks, d.length, mean, bound, level));
            p.add(pValue);
        }
        // one representative per signature, the first candidate that has it
        List<Integer> byP = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            if (signatures.indexOf(signatures.get(c)) == c) {
                byP.add(c);
            }
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
        return new Confirmation(tests, p, accepted, byP.getFirst());
    }

    private static String number(double x) {
        return String.format(java.util.Locale.ROOT, "%.4f", x);
    }

    /** What a round decided: the record, the accepted candidate if any, and whether to stop warming up. */
    private record RoundDecision(GateRecord record, Optional<CandidateMemory> accepted, boolean stop, List<CandidateMemory> candidates,
            List<TrustRegionGate.Candidate> scored) {}

    /**
     * The workers the candidates of the last look would deploy at a probed step, most often deployed first: the next
     * batch runs them there, so the gate compares every candidate with the lift on the same tasks. The candidates
     * come from the selection half only, so the held-out runs stay independent of the candidate they test.
     */
    private static WarmupExecutor.Targets targets(List<TrustRegionGate.Candidate> candidates) {
        Map<String, List<AgentId>> byTask = new java.util.concurrent.ConcurrentHashMap<>();
        return (task, step, producers) -> byTask.computeIfAbsent(task.id().value() + "#" + step.index(), k -> {
            EvaluationPoint x = new EvaluationPoint(task, step, producers, 0);
            Map<AgentId, Integer> votes = new LinkedHashMap<>();
            for (TrustRegionGate.Candidate candidate : candidates) {
                votes.merge(candidate.policy().apply(x).argmax(), 1, Integer::sum);
            }
            return votes.entrySet().stream().sorted(Map.Entry.<AgentId, Integer>comparingByValue().reversed())
                    .map(Map.Entry::getKey).toList();
        });
    }

    /** One look of the holdout gate: distil from the selection half, choose there, test on the held-out half. */
    private RoundDecision holdoutLook(int look, List<WarmupRun> runs, Set<String> heldOut, List<AgentId> ids, RoutingMemory head,
            Pool pool, PolicyRouter lift, Instant started, Distilled distilled) {
        List<WarmupRun> selection = runs.stream().filter(run -> !heldOut.contains(run.warmup().task().id().value())).toList();
        List<WarmupRun> test = runs.stream().filter(run -> heldOut.contains(run.warmup().task().id().value())).toList();
        EvidenceTable all = EvidenceTable.of(runs);
        List<CandidateMemory> candidates = distilled.candidates();
        List<CandidateMemory> units = distilled.units();
        List<TrustRegionGate.Candidate> scored = distilled.scored();
        List<HoldoutGate.Unit> gated = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            gated.add(new HoldoutGate.Unit(scored.get(u), change(units.get(u).added().getFirst())));
        }
        TaskOutcomes outcomes = TaskOutcomes.of(runs);
        HoldoutGate.Decision decided = new HoldoutGate(config.gate().delta(), config.gate().alpha(), config.gate().looks())
                .decide(look, points(selection, lift), points(test, lift), lift, gated, outcomes, ids,
                        passed -> scored(List.of(union(units, passed)), head, pool, started).getFirst());
        boolean stop = decided.stop() || (decided.accepted().isEmpty() && decided.record().test().isEmpty()
                && !HoldoutGate.promising(all.patterns().stream().map(pattern -> points(pattern.runs(), lift)).toList(),
                        newcomerOf(runs), lift, outcomes));
        Optional<CandidateMemory> accepted = decided.accepted().isEmpty() ? Optional.empty() : Optional.of(union(units, decided.accepted()));
        return new RoundDecision(decided.record(), accepted, stop, candidates, scored);
    }

    /**
     * The parts the holdout gate accepts or refuses one by one: each candidate's entries grouped by the change they
     * make ({@link #change}: taking up one worker, or moving steps away from one), in the candidate's order. A part is
     * named after its candidate and change.
     */
    static List<CandidateMemory> units(List<CandidateMemory> candidates) {
        List<CandidateMemory> units = new ArrayList<>();
        for (CandidateMemory candidate : candidates) {
            Map<String, List<MemoryEntry>> byChange = new LinkedHashMap<>();
            for (MemoryEntry entry : candidate.added()) {
                byChange.computeIfAbsent(change(entry), k -> new ArrayList<>()).add(entry);
            }
            byChange.forEach((change, entries) -> units.add(new CandidateMemory(candidate.name() + ": " + change, entries)));
        }
        return units;
    }

    /**
     * The change an entry makes, which names its unit: the stance and worker of its first guidance ("prefer worker-07",
     * "avoid worker-02"); an example or a default route is its own kind of change.
     */
    static String change(MemoryEntry entry) {
        String kind = entry.isExample() ? "examples " : entry.isDefault() ? "default route " : "";
        return entry.guidance().isEmpty() ? kind + "no guidance"
                : kind + entry.guidance().getFirst().stance().name().toLowerCase(java.util.Locale.ROOT) + " "
                        + entry.guidance().getFirst().worker().value();
    }

    /** The memory update made of the given units' entries, each entry once, in unit order. */
    private static CandidateMemory union(List<CandidateMemory> units, List<Integer> chosen) {
        Map<MemoryEntryId, MemoryEntry> entries = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int u : chosen) {
            units.get(u).added().forEach(entry -> entries.putIfAbsent(entry.id(), entry));
            names.add(units.get(u).name());
        }
        return new CandidateMemory(String.join(" + ", names), List.copyOf(entries.values()));
    }

    /** What the selection half gives at a look: its candidates, their units, and the units as the gate scores them. */
    private record Distilled(List<CandidateMemory> candidates, List<CandidateMemory> units, List<TrustRegionGate.Candidate> scored) {}

    /** The candidates distilled from the selection half alone (its patterns, its outcomes), cut into units. */
    private Distilled distilled(List<WarmupRun> runs, Set<String> heldOut, List<AgentId> ids, PolicyRouter lift, RoutingMemory head,
            Pool pool, Instant started) {
        EvidenceTable selection = EvidenceTable.of(runs.stream().filter(run -> !heldOut.contains(run.warmup().task().id().value())).toList());
        List<CandidateMemory> candidates = parts.distiller().distill(selection, ids, lift, head.version().next());
        List<CandidateMemory> units = units(candidates);
        return new Distilled(candidates, units, scored(units, head, pool, started));
    }

    /** The legacy gate and the ungated ablation: candidates from every run, scored on every run. */
    private RoundDecision wholeBudget(List<WarmupRun> runs, List<AgentId> ids, RoutingMemory head, Pool pool, PolicyRouter lift,
            Instant started, long seed, boolean generalists) {
        EvidenceTable evidence = EvidenceTable.of(runs);
        List<CandidateMemory> candidates = parts.distiller().distill(evidence, ids, lift, head.version().next());
        TrustRegionGate.Outcome outcome = new TrustRegionGate(config.gate(), seed)
                .decide(points(evidence, lift), lift, scored(candidates, head, pool, started), ValueEstimates.from(evidence, generalists),
                        ids, policy == GatePolicy.GATED);
        return new RoundDecision(outcome.record(), outcome.accepted().map(candidates::get), true, candidates, List.of());
    }

    private List<TrustRegionGate.Candidate> scored(List<CandidateMemory> candidates, RoutingMemory head, Pool pool, Instant started) {
        List<TrustRegionGate.Candidate> scored = new ArrayList<>();
        for (CandidateMemory candidate : candidates) {
            RoutingMemory memory = head.next(head.validated(), plus(head.entries(), candidate.added()), GateRecord.initial(), started);
            scored.add(leaveOneOut(candidate, parts.routing().router(pool, memory)));
        }
        return scored;
    }

    /** The new worker whose card each run's task was synthesized for. */
    private static Function<EvaluationPoint, @Nullable AgentId> newcomerOf(List<WarmupRun> runs) {
        Map<String, AgentId> byTask = new HashMap<>();
        runs.forEach(run -> byTask.put(run.warmup().task().id().value(), run.warmup().intent().newcomer()));
        return x -> byTask.get(x.task().id().value());
    }

    /** The end of batch {@code k} of {@code looks} in a list of {@code size}: ⌈size · k / looks⌉. */
    static int slice(int size, int k, int looks) {
        return (int) Math.ceil((double) size * k / looks);
    }

    private static List<WarmupTask> shuffled(List<WarmupTask> tasks, long seed, AgentId newcomer) {
        List<WarmupTask> out = new ArrayList<>(tasks);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = (int) (Seeds.uniform(seed, "warmup-order", newcomer, i) * (i + 1));
            java.util.Collections.swap(out, i, Math.min(i, j));
        }
        return out;
    }

    /** One point per warm-up task among {@code runs}: its probed step, with the producers the lift's plan would use. */
    private static List<EvaluationPoint> points(List<WarmupRun> runs, PolicyRouter lift) {
        List<EvaluationPoint> points = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (WarmupRun run : runs) {
            if (seen.add(run.warmup().task().id().value())) {
                points.add(point(run, lift, 0));
            }
        }
        return points;
    }

    private static EvaluationPoint point(WarmupRun run, PolicyRouter lift, int pattern) {
        var task = run.warmup().task();
        List<AgentId> chosen = new ArrayList<>();
        for (Subtask step : task.subtasks()) {
            List<AgentId> producers = step.inputs().stream().map(chosen::get).toList();
            if (step.index() == run.warmup().probedStep()) {
                return new EvaluationPoint(task, step, producers, pattern);
            }
            chosen.add(lift.policy(task, step, producers).argmax());
        }
        throw new IllegalStateException("warm-up task " + task.id() + " has no step " + run.warmup().probedStep());
    }

    /**
     * The candidate as the gate scores it: leave-one-out for examples. An example entry is one warm-up task's
     * outcomes and applies to the steps nearest that task, so at its own task it would apply at full coverage and
     * prefer exactly the workers that passed there: the candidate would be scored on its own training data. At
     * each warm-up task, a router that can leave entries out ({@link LeaveOut}) decides without the examples
     * learned from that task; every other entry stays. Other routers are scored as they are. The gate measures both
     * the gain and the KL on this policy: it is what the memory does at a step none of its examples came from,
     * which is what deployment meets.
     */
    static TrustRegionGate.Candidate leaveOneOut(CandidateMemory candidate, PolicyRouter router) {
        Map<String, Set<MemoryEntryId>> examplesOf = new HashMap<>();
        for (MemoryEntry entry : candidate.added()) {
            if (entry.isExample()) {
                entry.evidence().traces().forEach(trace ->
                        examplesOf.computeIfAbsent(WarmupRun.taskOf(trace), k -> new HashSet<>()).add(entry.id()));
            }
        }
        if (!(router instanceof LeaveOut leaveOut) || examplesOf.isEmpty()) {
            return new TrustRegionGate.Candidate(candidate.name(), candidate.added().size(), router);
        }
        return new TrustRegionGate.Candidate(candidate.name(), candidate.added().size(), x -> {
            Set<MemoryEntryId> own = examplesOf.getOrDefault(x.task().id().value(), Set.of());
            return own.isEmpty()
                    ? router.policy(x.task(), x.step(), x.producers())
                    : leaveOut.policyWithout(x.task(), x.step(), x.producers(), entry -> own.contains(entry.id()));
        });
    }

    /** One point per warm-up task: its probed step, with the producers the lift's own plan would have used. */
    private static List<EvaluationPoint> points(EvidenceTable evidence, PolicyRouter lift) {
        List<EvaluationPoint> points = new ArrayList<>();
        for (PatternEvidence pattern : evidence.patterns()) {
            Set<String> seen = new HashSet<>();
            for (WarmupRun run : pattern.runs()) {
                if (seen.add(run.warmup().task().id().value())) {
                    points.add(point(run, lift, pattern.index()));
                }
            }
        }
        return points;
    }

    private static List<RoundReport.WorkerReport> workerReports(List<AgentCard> newcomers, Map<AgentId, Integer> taskCounts,
            EvidenceTable evidence) {
        List<RoundReport.WorkerReport> reports = new ArrayList<>();
        for (AgentCard newcomer : newcomers) {
            List<RoundReport.PatternReport> patterns = new ArrayList<>();
            for (PatternEvidence pattern : evidence.patterns()) {
                var forced = pattern.stats(run -> run.forced() && run.warmup().intent().newcomer().equals(newcomer.id())).get(newcomer.id());
                if (forced == null) {
                    continue;
                }
                var incumbent = pattern.stats(run -> !run.forced() && run.warmup().intent().newcomer().equals(newcomer.id())).values().stream()
                        .max(Comparator.comparingInt(PatternEvidence.WorkerStats::trials));
                long tasks = pattern.runs().stream().filter(run -> run.warmup().intent().newcomer().equals(newcomer.id()))
                        .map(run -> run.warmup().task().id()).distinct().count();
                Interval ci = Proportions.wilson(forced.successes(), forced.trials(), Proportions.Z95);
                patterns.add(new RoundReport.PatternReport(pattern.pattern(), pattern.example(), (int) tasks, forced.successes(), forced.trials(),
                        ci.low(), ci.high(), incumbent.map(s -> s.worker().value()).orElse("-"),
                        incumbent.map(PatternEvidence.WorkerStats::successes).orElse(0), incumbent.map(PatternEvidence.WorkerStats::trials).orElse(0),
                        forced.rate()));
            }
            reports.add(new RoundReport.WorkerReport(newcomer.id(), taskCounts.getOrDefault(newcomer.id(), 0), patterns));
        }
        return reports;
    }

    /** The round's evidence as the version keeps it. */
    private static List<Probe> probes(List<RoundReport.WorkerReport> reports) {
        List<Probe> probes = new ArrayList<>();
        for (RoundReport.WorkerReport worker : reports) {
            for (RoundReport.PatternReport p : worker.patterns()) {
                probes.add(new Probe(worker.worker(), p.pattern(), p.example(), p.tasks(), p.successes(), p.trials(),
                        p.ciLow(), p.ciHigh(), p.meanReward(), p.incumbent(), p.incumbentSuccesses(), p.incumbentTrials()));
            }
        }
        return probes;
    }

    private static List<MemoryEntry> plus(List<MemoryEntry> base, List<MemoryEntry> added) {
        List<MemoryEntry> all = new ArrayList<>(base);
        all.addAll(added);
        return all;
    }
}
