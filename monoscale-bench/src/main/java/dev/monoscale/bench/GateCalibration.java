package dev.monoscale.bench;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Stage;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryDiff;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpec;
import dev.monoscale.stats.Seeds;
import dev.monoscale.synthesis.CardWarmupSynthesizer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * The gate calibration benchmark: onboarding rounds on generated worlds where the truth is known, run under every
 * {@link RoundVariant} on the same world and seed, so that each variant's decisions can be scored against each
 * candidate's true gain.
 *
 * <p>Round {@code i} uses seed {@code first + i}: a world is drawn from it, a stage k ≥ 1 is drawn uniformly from
 * the world's rounds, and the memory is built up to stage k − 1 by the normal onboarding (today's gate, the same
 * for every variant). Then the round that onboards stage k's joiners is run once per variant, each on its own copy
 * of that store, with the same config and seed. The true gain of a memory is {@link TrueAccuracy} of the memory
 * routed on stage k's pool minus that of the conservative lift (the head the round started from, on the same
 * pool); the realised gain of a round is that of the memory the variant appended (0 for a fallback).
 *
 * <p>Rounds run in parallel on a fixed pool of threads; every round is a pure function of its seed and results
 * are kept in round order, so the report does not depend on thread scheduling.
 */
public final class GateCalibration {

    /** An "opportunity": a round where some candidate gains at least this much (3 points of accuracy). */
    public static final double OPPORTUNITY = 0.03;

    /**
     * What to run.
     *
     * @param rounds how many rounds, in [1, 100000]
     * @param firstSeed the seed of the first round; round i uses firstSeed + i
     * @param threads rounds run at once, in [1, 256]
     */
    public record Settings(int rounds, long firstSeed, RoundConfig round, int threads) {
        public Settings {
            if (rounds < 1 || rounds > 100_000) {
                throw new IllegalArgumentException("rounds must be in [1, 100000], was " + rounds);
            }
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads must be in [1, 256], was " + threads);
            }
        }
    }

    /** Told about progress: one call per finished round. */
    public interface Progress {
        void advanced(int done, int total, String what);

        Progress NONE = (done, total, what) -> {};
    }

    /** What one variant did in one round. */
    public record VariantOutcome(
            String variant,
            String verdict,
            String reason,
            Optional<String> chosen,
            boolean accepted,
            Map<String, Double> candidateGains,
            double realisedGain,
            int warmupTasks,
            long warmupCalls,
            boolean nonFiniteGate,
            Optional<String> error,
            List<GateRecord.CandidateScore> gateScores) {
        public VariantOutcome {
            candidateGains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(candidateGains));
            gateScores = List.copyOf(gateScores);
        }
    }

    /**
     * One round under every variant.
     *
     * @param stage the stage whose joiners the round onboards
     * @param liftAccuracy the true accuracy of the conservative lift
     * @param truthExact whether the truth is exact (else sampled, see {@link TrueAccuracy})
     * @param gainStandardError the standard error of a true gain in this round (0 when exact; else the largest
     *     paired standard error over the memories scored)
     * @param oraclePower the yardstick of {@link OracleTest}: the highest power, over the candidates with a positive
     *     true gain that any variant proposed, of the test that knows the candidate in advance, on the round's budget
     *     (warm-up tasks per new worker times the joiners, half the samples per task on each plan); 0 when no
     *     candidate gains
     * @param oracleTasksPerWorker the fewest warm-up tasks per new worker with which that test reaches a power of
     *     0.8 for some gaining candidate ({@link Integer#MAX_VALUE} when none gains)
     */
    public record RoundResult(
            long seed,
            String world,
            int stage,
            int poolBefore,
            int joined,
            double liftAccuracy,
            boolean truthExact,
            double gainStandardError,
            double oraclePower,
            int oracleTasksPerWorker,
            List<VariantOutcome> variants) {
        public RoundResult {
            variants = List.copyOf(variants);
        }

        /** The best true gain among every candidate any variant proposed, or 0 if none was proposed. */
        public double bestCandidateGain() {
            return variants.stream()
                    .flatMap(v -> v.candidateGains().values().stream())
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(0);
        }
    }

    private final LongFunction<WorldSpec> worlds;
    private final List<RoundVariant> variants;
    private final MemoryRouting routing;

    public GateCalibration(
            LongFunction<WorldSpec> worlds,
            List<RoundVariant> variants,
            EmbeddedRouterConfig router,
            MemoryRouterConfig memory) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("the gate benchmark needs at least one round variant");
        }
        if (variants.stream().map(RoundVariant::name).distinct().count() != variants.size()) {
            throw new IllegalArgumentException("round variants need distinct names, were "
                    + variants.stream().map(RoundVariant::name).toList());
        }
        this.worlds = worlds;
        this.variants = List.copyOf(variants);
        this.routing = MemoryRouter.routing(router, memory);
    }

    public GateCalibrationReport run(Settings settings, Progress progress) {
        List<RoundResult> results = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(settings.threads());
        try {
            List<Future<RoundResult>> futures = new ArrayList<>();
            for (int i = 0; i < settings.rounds(); i++) {
                long seed = settings.firstSeed() + i;
                futures.add(executor.submit(() -> {
                    RoundResult result = round(seed, settings.round());
                    progress.advanced(done.incrementAndGet(), settings.rounds(), "seed " + seed);
                    return result;
                }));
            }
            for (Future<RoundResult> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the gate benchmark was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a round of the gate benchmark failed: " + e.getCause(), e.getCause());
        } finally {
            executor.shutdownNow();
        }
        return GateCalibrationReport.of(
                settings, variants.stream().map(RoundVariant::name).toList(), results);
    }

    /** One round, under every variant: a pure function of the seed. */
    RoundResult round(long seed, RoundConfig base) {
        WorldSpec spec = worlds.apply(seed);
        SimWorld world = SimWorld.create(spec, seed);
        List<Stage> stages = world.stages();
        if (stages.size() < 2) {
            throw new IllegalArgumentException("world '%s' has no onboarding round (one stage)".formatted(spec.name()));
        }
        int k = 1 + (int) (Seeds.uniform(seed, "gate-bench", "stage") * (stages.size() - 1));
        RoundConfig config = base.withSeed(seed);

        // the memory up to stage k − 1, by the normal onboarding
        InMemoryMemoryStore store = new InMemoryMemoryStore();
        store.append(RoutingMemory.initial(stages.getFirst().pool().ids(), Instant.EPOCH));
        for (int j = 1; j < k; j++) {
            RoundVariant.current()
                    .runner()
                    .run(parts(world, store), config, stages.get(j - 1).pool(), joined(world, stages.get(j)));
        }
        List<RoutingMemory> history = store.history();
        RoutingMemory head = history.getLast();
        Stage stage = stages.get(k);

        TrueAccuracy truth = new TrueAccuracy(world);
        double[] liftTasks = truth.perTask(routing.router(stage.pool(), head));
        double lift = truth.of(liftTasks);
        double[] se = {0};
        Map<CandidateMemory, Double> gains = new HashMap<>();
        Map<CandidateMemory, OracleTest> contrasts = new HashMap<>();
        // a candidate's true gain: what it adds (entries, and workers it validates) decides it, not its name
        java.util.function.Function<CandidateMemory, Double> gainOf = candidate ->
                gains.computeIfAbsent(new CandidateMemory("", candidate.added(), candidate.validates()), a -> {
                    if (a.added().isEmpty() && a.validates().isEmpty()) {
                        return 0.0;
                    }
                    double[] tasks = truth.perTask(routing.router(stage.pool(), a.appliedTo(head, Instant.EPOCH)));
                    se[0] = Math.max(se[0], truth.standardError(tasks, liftTasks));
                    contrasts.put(a, truth.contrast(tasks, liftTasks));
                    return truth.of(tasks) - lift;
                });

        List<VariantOutcome> outcomes = new ArrayList<>();
        for (RoundVariant variant : variants) {
            InMemoryMemoryStore copy = new InMemoryMemoryStore();
            history.forEach(copy::append);
            try {
                RoundReport report = variant.runner()
                        .run(parts(world, copy), config, stages.get(k - 1).pool(), joined(world, stage));
                GateRecord gate = report.gate();
                boolean accepted = gate.chosen().isPresent();
                Map<String, Double> candidateGains = new LinkedHashMap<>();
                for (CandidateMemory candidate : report.candidates()) {
                    candidateGains.put(candidate.name(), gainOf.apply(candidate));
                }
                // the memory the variant appended, whatever it holds: its entries beyond the head's
                RoutingMemory appended = copy.head().orElseThrow();
                List<MemoryEntry> added = appended.entries()
                        .subList(head.entries().size(), appended.entries().size());
                List<AgentId> validates = MemoryDiff.between(head, appended).validated();
                double realised = accepted ? gainOf.apply(new CandidateMemory("", added, validates)) : 0;
                outcomes.add(new VariantOutcome(
                        variant.name(),
                        verdict(gate),
                        gate.reason(),
                        gate.chosen(),
                        accepted,
                        candidateGains,
                        realised,
                        report.warmupTasks(),
                        report.warmupCalls(),
                        nonFinite(gate),
                        Optional.empty(),
                        gate.candidates()));
            } catch (RuntimeException e) {
                outcomes.add(new VariantOutcome(
                        variant.name(),
                        "error",
                        "",
                        Optional.empty(),
                        false,
                        Map.of(),
                        0,
                        0,
                        0,
                        false,
                        Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()),
                        List.of()));
            }
        }
        // the yardstick: the test that knows which gaining candidate to test, on the round's budget
        int joined = stage.added().size();
        int tasks = config.warmupTasks() * joined;
        int runsPerArm = Math.max(1, config.samples() / 2);
        double alpha = config.gate().alpha();
        double oraclePower = 0;
        int oracleTasks = Integer.MAX_VALUE;
        for (Map.Entry<CandidateMemory, OracleTest> e : contrasts.entrySet()) {
            if (gains.getOrDefault(e.getKey(), 0.0) > 0) {
                oraclePower = Math.max(oraclePower, e.getValue().power(tasks, runsPerArm, alpha));
                int needed = e.getValue().tasksFor(0.8, runsPerArm, alpha);
                oracleTasks =
                        Math.min(oracleTasks, needed == Integer.MAX_VALUE ? needed : (needed + joined - 1) / joined);
            }
        }
        return new RoundResult(
                seed,
                spec.name(),
                k,
                stages.get(k - 1).pool().size(),
                joined,
                lift,
                truth.exact(),
                se[0],
                oraclePower,
                oracleTasks,
                outcomes);
    }

    private OnboardingRound.Parts parts(SimWorld world, MemoryStore store) {
        return new OnboardingRound.Parts(
                new CardWarmupSynthesizer(world),
                world::worker,
                world.checker(),
                new EvidenceDistiller(),
                routing,
                store,
                InstantSource.fixed(Instant.EPOCH));
    }

    private static List<AgentCard> joined(SimWorld world, Stage stage) {
        return stage.added().stream().map(world::card).toList();
    }

    private static String verdict(GateRecord gate) {
        return gate.outcome().name().toLowerCase(Locale.ROOT)
                + gate.chosen().map(c -> ":" + c).orElse("");
    }

    /** Whether the gate record holds a NaN or infinite number (recorded, never a crash). */
    static boolean nonFinite(GateRecord gate) {
        for (GateRecord.CandidateScore c : gate.candidates()) {
            if (!Double.isFinite(c.gain())
                    || !Double.isFinite(c.gainLow())
                    || !Double.isFinite(c.gainHigh())
                    || !Double.isFinite(c.kl())) {
                return true;
            }
        }
        return false;
    }
}
