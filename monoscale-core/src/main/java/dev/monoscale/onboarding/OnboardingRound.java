package dev.monoscale.onboarding;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Trace;
import dev.monoscale.core.Worker;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.distillation.Distiller;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.evidence.PatternEvidence;
import dev.monoscale.execution.PlanExecution;
import dev.monoscale.execution.PlannedRun;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.gate.GateRule;
import dev.monoscale.gate.TrustRegionGate;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One onboarding round (DESIGN.md §4): for the workers joining the pool, synthesize warm-up tasks from the
 * cards, run them under the behaviour policy, distill the evidence into candidate memories, let the gate accept
 * one or keep the conservative lift, and append the resulting version to the store.
 *
 * <p>How the warm-up is batched and split and how each look decides is the round's {@link GateStrategy}:
 * {@link GateStrategy#of} picks the holdout rule's looks with a held-out test for {@link GateRule#HOLDOUT}, and
 * otherwise the whole budget ({@link RoundConfig#warmupTasks()} per new worker) at once, every run used for both
 * choosing and testing. The round synthesizes the tasks, runs the batches the strategy asks for through its
 * executor, and reports the tasks it ran.
 *
 * <p>The round always appends exactly one version built on the head it started from, so a round that races
 * another fails with a conflict instead of overwriting it, and a crash before the append leaves the store as
 * it was.
 */
public final class OnboardingRound {

    /** The parts a round is made of. */
    public record Parts(
            WarmupSynthesizer synthesizer,
            Function<AgentId, Worker> workers,
            Checker checker,
            Distiller distiller,
            MemoryRouting routing,
            MemoryStore store,
            InstantSource clock) {}

    private final Parts parts;
    private final RoundConfig config;
    private final GateStrategy strategy;
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
        this(parts, config, GateStrategy.of(config, policy, kind), execution);
    }

    /**
     * A round that gathers its evidence and decides with {@code strategy}, calling the workers in this process.
     *
     * @param config the budget, samples and seed; its gate settings matter only to the strategy that reads them
     */
    public OnboardingRound(Parts parts, RoundConfig config, GateStrategy strategy) {
        this(parts, config, strategy, PlanExecution.inProcess(parts.workers(), parts.checker()));
    }

    /** A round that decides with {@code strategy} and has {@code execution} make the warm-up's calls. */
    public OnboardingRound(Parts parts, RoundConfig config, GateStrategy strategy, PlanExecution execution) {
        this.parts = parts;
        this.config = config;
        this.strategy = strategy;
        this.execution = execution;
    }

    /**
     * Onboards {@code newcomers} into {@code before}, on the store's head. An empty store is first given the initial
     * version, with {@code before}'s workers validated (see {@link Onboarding#start}).
     */
    public RoundReport run(Pool before, List<AgentCard> newcomers, WarmupExecutor.Progress progress) {
        Instant started = parts.clock().instant();
        RoutingMemory head = Onboarding.headOrInitial(parts.store(), before.ids(), started);
        Pool pool = before.plus(newcomers);
        PolicyRouter lift = parts.routing().router(pool, head);
        long seed = Seeds.mix(config.seed(), "round", head.version().next());
        Map<AgentId, List<WarmupTask>> planned = new LinkedHashMap<>();
        for (AgentCard newcomer : newcomers) {
            planned.put(newcomer.id(), parts.synthesizer().synthesize(newcomer, pool, config.warmupTasks()));
        }
        Warmup warmup = new Warmup(head, pool, lift, seed, newcomers, planned, started, progress);
        GateStrategy.Decision decision = strategy.decide(warmup);

        EvidenceTable evidence = EvidenceTable.of(warmup.runs);
        // a fallback keeps the lift: the head's entries and validated workers, nothing added
        CandidateMemory accepted = decision.accepted().orElse(new CandidateMemory("lift", List.of()));
        List<RoundReport.WorkerReport> reports = workerReports(newcomers, warmup.taskCounts, evidence);
        RoutingMemory next = accepted.appliedTo(
                        head, decision.record(), parts.clock().instant())
                .withProbes(probes(reports));
        parts.store().append(next);

        long calls = warmup.runs.stream()
                        .mapToLong(run -> run.trace().steps().size())
                        .sum()
                + warmup.planCalls;
        int tasks =
                warmup.taskCounts.values().stream().mapToInt(Integer::intValue).sum();
        return new RoundReport(
                next.version(),
                reports,
                accepted.added(),
                decision.record(),
                tasks,
                calls,
                Duration.between(started, parts.clock().instant()),
                decision.candidates(),
                accepted.validates());
    }

    /**
     * One round's warm-up as its strategy sees it: the executor is drawn from the round's seed with the strategy's
     * behaviour, and every batch's runs and tasks are kept for the evidence and the reports.
     */
    private final class Warmup implements GateStrategy.Round {

        private final RoutingMemory head;
        private final Pool pool;
        private final PolicyRouter lift;
        private final long seed;
        private final List<AgentId> newcomers;
        private final Map<AgentId, List<WarmupTask>> planned;
        private final Instant started;
        private final WarmupExecutor.Progress progress;
        private final WarmupExecutor executor;
        /** The runs the progress counts towards: every planned task, the config's samples each. */
        private final int budget;

        private final List<WarmupRun> runs = new ArrayList<>();
        private final Map<AgentId, Integer> taskCounts = new HashMap<>();
        /** The calls and runs of {@link #runPlans}, which are not warm-up evidence. */
        private long planCalls;

        private int planRuns;

        Warmup(
                RoutingMemory head,
                Pool pool,
                PolicyRouter lift,
                long seed,
                List<AgentCard> newcomers,
                Map<AgentId, List<WarmupTask>> planned,
                Instant started,
                WarmupExecutor.Progress progress) {
            this.head = head;
            this.pool = pool;
            this.lift = lift;
            this.seed = seed;
            this.newcomers = newcomers.stream().map(AgentCard::id).toList();
            this.planned = Collections.unmodifiableMap(planned);
            this.started = started;
            this.progress = progress;
            WarmupExecutor.Behaviour behaviour = strategy.behaviour();
            this.executor = new WarmupExecutor(execution, seed, behaviour);
            // as the executor itself: a paired design runs each task at most once per worker
            int perTask = behaviour == WarmupExecutor.Behaviour.PAIRED
                    ? Math.min(config.samples(), pool.size())
                    : config.samples();
            this.budget = planned.values().stream().mapToInt(List::size).sum() * perTask;
        }

        @Override
        public Map<AgentId, List<WarmupTask>> planned() {
            return planned;
        }

        @Override
        public List<WarmupTask> synthesize(AgentId worker, int count) {
            AgentCard card = pool.find(worker)
                    .orElseThrow(() ->
                            new IllegalArgumentException("'%s' is not a worker of this round's pool; its workers: %s"
                                    .formatted(worker, pool.ids())));
            return parts.synthesizer().synthesize(card, pool, count);
        }

        @Override
        public List<AgentId> workers() {
            return pool.ids();
        }

        @Override
        public List<AgentId> newcomers() {
            return newcomers;
        }

        @Override
        public long seed() {
            return seed;
        }

        @Override
        public PolicyRouter lift() {
            return lift;
        }

        @Override
        public List<WarmupRun> run(List<WarmupTask> tasks, WarmupExecutor.Targets targets) {
            int before = runs.size() + planRuns;
            List<WarmupRun> batch = executor.run(
                    tasks,
                    lift,
                    config.samples(),
                    targets,
                    (done, total) -> progress.ran(before + done, Math.max(budget, before + done)));
            runs.addAll(batch);
            tasks.forEach(task -> taskCounts.merge(task.intent().newcomer(), 1, Integer::sum));
            return batch;
        }

        @Override
        public List<Trace> runPlans(String key, List<PlannedRun> plans, List<WarmupTask> tasks) {
            int before = runs.size() + planRuns;
            List<Trace> traces = execution.run(
                    key, plans, (done, total) -> progress.ran(before + done, Math.max(budget, before + done)));
            planRuns += traces.size();
            planCalls +=
                    traces.stream().mapToLong(trace -> trace.steps().size()).sum();
            tasks.forEach(task -> taskCounts.merge(task.intent().newcomer(), 1, Integer::sum));
            return traces;
        }

        @Override
        public PolicyRouter router(CandidateMemory candidate) {
            return parts.routing().router(pool, candidate.appliedTo(head, started));
        }

        @Override
        public List<WarmupRun> runs() {
            return List.copyOf(runs);
        }

        @Override
        public List<CandidateMemory> distill(EvidenceTable evidence) {
            return parts.distiller()
                    .distill(evidence, newcomers, lift, head.version().next());
        }

        @Override
        public List<TrustRegionGate.Candidate> scored(List<CandidateMemory> candidates) {
            return OnboardingRound.this.scored(candidates, head, pool, started);
        }
    }

    private List<TrustRegionGate.Candidate> scored(
            List<CandidateMemory> candidates, RoutingMemory head, Pool pool, Instant started) {
        List<TrustRegionGate.Candidate> scored = new ArrayList<>();
        for (CandidateMemory candidate : candidates) {
            scored.add(leaveOneOut(candidate, parts.routing().router(pool, candidate.appliedTo(head, started))));
        }
        return scored;
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
                entry.evidence()
                        .traces()
                        .forEach(trace -> examplesOf
                                .computeIfAbsent(WarmupRun.taskOf(trace), k -> new HashSet<>())
                                .add(entry.id()));
            }
        }
        if (!(router instanceof LeaveOut leaveOut) || examplesOf.isEmpty()) {
            return new TrustRegionGate.Candidate(
                    candidate.name(), candidate.added().size(), router);
        }
        return new TrustRegionGate.Candidate(candidate.name(), candidate.added().size(), x -> {
            Set<MemoryEntryId> own = examplesOf.getOrDefault(x.task().id().value(), Set.of());
            return own.isEmpty()
                    ? router.policy(x.task(), x.step(), x.producers())
                    : leaveOut.policyWithout(x.task(), x.step(), x.producers(), entry -> own.contains(entry.id()));
        });
    }

    private static List<RoundReport.WorkerReport> workerReports(
            List<AgentCard> newcomers, Map<AgentId, Integer> taskCounts, EvidenceTable evidence) {
        List<RoundReport.WorkerReport> reports = new ArrayList<>();
        for (AgentCard newcomer : newcomers) {
            List<RoundReport.PatternReport> patterns = new ArrayList<>();
            for (PatternEvidence pattern : evidence.patterns()) {
                var forced = pattern.stats(run ->
                                run.forced() && run.warmup().intent().newcomer().equals(newcomer.id()))
                        .get(newcomer.id());
                if (forced == null) {
                    continue;
                }
                var incumbent = pattern
                        .stats(run -> !run.forced()
                                && run.warmup().intent().newcomer().equals(newcomer.id()))
                        .values()
                        .stream()
                        .max(Comparator.comparingInt(PatternEvidence.WorkerStats::trials));
                long tasks = pattern.runs().stream()
                        .filter(run -> run.warmup().intent().newcomer().equals(newcomer.id()))
                        .map(run -> run.warmup().task().id())
                        .distinct()
                        .count();
                Interval ci = Proportions.wilson(forced.successes(), forced.trials(), Proportions.Z95);
                patterns.add(new RoundReport.PatternReport(
                        pattern.pattern(),
                        pattern.example(),
                        (int) tasks,
                        forced.successes(),
                        forced.trials(),
                        ci.low(),
                        ci.high(),
                        incumbent.map(s -> s.worker().value()).orElse("-"),
                        incumbent.map(PatternEvidence.WorkerStats::successes).orElse(0),
                        incumbent.map(PatternEvidence.WorkerStats::trials).orElse(0),
                        forced.rate()));
            }
            reports.add(
                    new RoundReport.WorkerReport(newcomer.id(), taskCounts.getOrDefault(newcomer.id(), 0), patterns));
        }
        return reports;
    }

    /** The round's evidence as the version keeps it. */
    private static List<Probe> probes(List<RoundReport.WorkerReport> reports) {
        List<Probe> probes = new ArrayList<>();
        for (RoundReport.WorkerReport worker : reports) {
            for (RoundReport.PatternReport p : worker.patterns()) {
                probes.add(new Probe(
                        worker.worker(),
                        p.pattern(),
                        p.example(),
                        p.tasks(),
                        p.successes(),
                        p.trials(),
                        p.ciLow(),
                        p.ciHigh(),
                        p.meanReward(),
                        p.incumbent(),
                        p.incumbentSuccesses(),
                        p.incumbentTrials()));
            }
        }
        return probes;
    }
}
