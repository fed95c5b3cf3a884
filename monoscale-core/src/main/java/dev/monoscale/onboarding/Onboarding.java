package dev.monoscale.onboarding;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Stage;
import dev.monoscale.core.Worker;
import dev.monoscale.core.World;
import dev.monoscale.distillation.Distiller;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.execution.PlanExecution;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.synthesis.AnsweredChecker;
import dev.monoscale.synthesis.CardExampleCatalogue;
import dev.monoscale.synthesis.CardWarmupSynthesizer;
import dev.monoscale.synthesis.TaskCatalogue;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The use case of growing a pool: every surface (the CLI's {@code onboard}, {@code bench onboarding},
 * {@code serve} and {@code route}, the benchmarks, the HTTP service) onboards workers through this class, and
 * only through it. It owns the four rules that make onboarding safe to repeat:
 * <ol>
 *   <li><b>The initial version.</b> An empty store is first given version 0: no entries, the starting pool's
 *       workers validated ({@link #start}).
 *   <li><b>The stage loop.</b> Growing a staged world to stage {@code k} runs one round per stage 1..k for the
 *       workers that joined there, each round into the pool of the stage before ({@link #throughStage}).
 *   <li><b>Resume after a crash.</b> A round appends its version atomically, so a crash leaves the store at the
 *       last finished round; growing again skips the workers already onboarded and runs the rest.
 *   <li><b>What is onboarded, after a rollback.</b> The head's history says it, not the log: walk from the head to
 *       its parent, and from a rollback version to the version it restores; the workers onboarded are the
 *       validated workers of the version 0 reached that way plus those named by the rounds passed on the way
 *       ({@link #onboarded}). So after {@code memory rollback --to v0}, the rounds after v0 no longer count and
 *       {@code onboard} onboards their workers again.
 * </ol>
 * A round itself (warm-up, distillation, gate, append) is {@link OnboardingRound}.
 */
public final class Onboarding {

    private final OnboardingRound round;
    private final MemoryStore store;
    private final MemoryRouting routing;
    private final InstantSource clock;

    /**
     * Onboarding whose rounds run their warm-up calls in this process, on virtual threads.
     *
     * @param parts the ports a round is built from (see {@link #parts} and {@link #ofWorkers} for ready sets)
     * @param config the round's settings: warm-up size, samples, gate and seed
     * @param policy whether each update must pass the gate ({@link GatePolicy#UNGATED} is the benchmarks' ablation)
     * @param kind what kind of workers the pool holds
     */
    public Onboarding(OnboardingRound.Parts parts, RoundConfig config, GatePolicy policy, PoolKind kind) {
        this(parts, config, policy, kind, PlanExecution.inProcess(parts.workers(), parts.checker()));
    }

    /**
     * Onboarding whose rounds' warm-up calls {@code execution} makes: an engine such as Temporal.
     *
     * @param parts the ports a round is built from
     * @param config the round's settings
     * @param policy whether each update must pass the gate
     * @param kind what kind of workers the pool holds
     * @param execution where the warm-up's worker calls are made
     */
    public Onboarding(
            OnboardingRound.Parts parts,
            RoundConfig config,
            GatePolicy policy,
            PoolKind kind,
            PlanExecution execution) {
        this.round = new OnboardingRound(parts, config, policy, kind, execution);
        this.store = parts.store();
        this.routing = parts.routing();
        this.clock = parts.clock();
    }

    /**
     * Onboarding for workers of your own whose answers cannot be checked for correctness, only for being given: the
     * warm-up tasks are the new cards' own words ({@link CardExampleCatalogue}: examples, description, tags,
     * handoffs and neighbouring skills), a run passes when every step answered ({@link AnsweredChecker}), the
     * evidence is distilled with its failures ({@link EvidenceDistiller}), every update must pass the gate and the
     * workers are specialists. A worker that errors, refuses, times out or cannot be reached on some kind of work is
     * then routed away from it. The rounds' settings are {@link RoundConfig#defaults()} and their clock is the
     * system's; {@link #ofWorkers(Function, MemoryRouting, MemoryStore, RoundConfig, InstantSource)} takes others.
     *
     * @param workers every worker of the pool and every newcomer, by id
     * @param routing the router a memory induces, such as {@code MemoryRouter.routing()} in monoscale-routing
     * @param store where the memory versions are kept, such as an {@link dev.monoscale.memory.InMemoryMemoryStore}
     * @return onboarding over those parts; call {@link #start} before the first {@link #round}
     */
    public static Onboarding ofWorkers(Function<AgentId, Worker> workers, MemoryRouting routing, MemoryStore store) {
        return ofWorkers(workers, routing, store, RoundConfig.defaults(), InstantSource.system());
    }

    /**
     * As {@link #ofWorkers(Function, MemoryRouting, MemoryStore)}, with the rounds' settings and the clock that dates
     * the versions and times the rounds.
     *
     * @param workers every worker of the pool and every newcomer, by id
     * @param routing the router a memory induces
     * @param store where the memory versions are kept
     * @param config the round's settings
     * @param clock the clock of the versions' dates and the rounds' elapsed time
     * @return onboarding over those parts
     */
    public static Onboarding ofWorkers(
            Function<AgentId, Worker> workers,
            MemoryRouting routing,
            MemoryStore store,
            RoundConfig config,
            InstantSource clock) {
        var parts = new OnboardingRound.Parts(
                new CardWarmupSynthesizer(new CardExampleCatalogue()),
                workers,
                new AnsweredChecker(),
                new EvidenceDistiller(),
                routing,
                store,
                clock);
        return new Onboarding(parts, config, GatePolicy.GATED, PoolKind.SPECIALISTS);
    }

    /**
     * The parts of a round in a world that materialises its own warm-up tasks (a simulated or a replayed world):
     * tasks from the cards, the world's checker, and {@code workers} (the world's own, or wrapped).
     *
     * @param world a world that is also a {@link TaskCatalogue}
     * @param workers the workers the round calls, by id
     * @param distiller how the evidence becomes candidate memories
     * @param routing the router a memory induces
     * @param store where the memory versions are kept
     * @param clock the clock of the versions' dates and the rounds' elapsed time
     * @return the parts of a round
     * @throws IllegalArgumentException if the world cannot materialise warm-up tasks
     */
    public static OnboardingRound.Parts parts(
            World world,
            Function<AgentId, Worker> workers,
            Distiller distiller,
            MemoryRouting routing,
            MemoryStore store,
            InstantSource clock) {
        if (!(world instanceof TaskCatalogue catalogue)) {
            throw new IllegalArgumentException(
                    "world '%s' cannot materialise warm-up tasks, which onboarding needs".formatted(world.name()));
        }
        return new OnboardingRound.Parts(
                new CardWarmupSynthesizer(catalogue), workers, world.checker(), distiller, routing, store, clock);
    }

    /**
     * The head of the store, and whether {@link #start} just created it as version 0.
     *
     * @param head the store's head after the start
     * @param created whether the store was empty and has just been given version 0
     */
    public record Start(RoutingMemory head, boolean created) {}

    /**
     * The store's head; an empty store is first given version 0 over {@code initialPool}.
     *
     * @param initialPool the workers trusted before any round: the starting pool
     * @return the head, and whether it was just created
     */
    public Start start(List<AgentId> initialPool) {
        boolean empty = store.head().isEmpty();
        return new Start(headOrInitial(store, initialPool, clock.instant()), empty);
    }

    /**
     * Rule 1 for a surface that has no round to run yet, such as {@code serve} over A2A agents given by URL: the
     * store's head, an empty store first given version 0 over {@code initialPool}.
     *
     * @param store the memory store
     * @param initialPool the workers trusted before any round
     * @param clock the clock that dates version 0
     * @return the head, and whether it was just created
     */
    public static Start start(MemoryStore store, List<AgentId> initialPool, InstantSource clock) {
        boolean empty = store.head().isEmpty();
        return new Start(headOrInitial(store, initialPool, clock.instant()), empty);
    }

    /** Rule 1, the only place that writes version 0. */
    static RoutingMemory headOrInitial(MemoryStore store, List<AgentId> initialPool, Instant now) {
        return store.head().orElseGet(() -> {
            RoutingMemory initial = RoutingMemory.initial(initialPool, now);
            store.append(initial);
            return initial;
        });
    }

    /**
     * One round: onboards {@code joining} into {@code before} and appends one version to the store.
     *
     * @param before the pool as it is, whose workers the head trusts
     * @param joining the cards of the workers that join
     * @param progress told of the warm-up runs as they end ({@link WarmupExecutor.Progress#NONE} for silence)
     * @return what the round learned and decided
     */
    public RoundReport round(Pool before, List<AgentCard> joining, WarmupExecutor.Progress progress) {
        return round.run(before, joining, progress);
    }

    /**
     * One round that reports no progress: onboards {@code joining} into {@code before} and appends one version.
     *
     * @param before the pool as it is, whose workers the head trusts
     * @param joining the cards of the workers that join
     * @return what the round learned and decided
     */
    public RoundReport round(Pool before, List<AgentCard> joining) {
        return round(before, joining, WarmupExecutor.Progress.NONE);
    }

    /**
     * The router that the store's head induces on {@code pool}: how tasks are routed with the memory onboarding has
     * learned so far. A worker of the pool that no round has onboarded is never chosen.
     *
     * @param pool the workers to route among, such as the pool after the last round
     * @return a router bound to the head as it is now
     * @throws IllegalStateException if the store is empty ({@link #start} gives it version 0)
     */
    public PolicyRouter router(Pool pool) {
        RoutingMemory head = store.head()
                .orElseThrow(
                        () -> new IllegalStateException("the memory store is empty; call start(initialPool) first"));
        return routing.router(pool, head);
    }

    /**
     * Grows the memory to stage {@code last} of {@code stages} (rules 2 and 3): for each stage 1..last, one round
     * for its workers that are not yet {@link #onboarded}, into the pool of the stage before; a stage whose workers
     * are all onboarded is skipped. Each report goes to {@code done} as soon as its round has been appended.
     *
     * @param stages the world's stage schedule; stage 0 is the starting pool
     * @param last the stage to grow to
     * @param cards the card of each worker, by id
     * @param progress told of the warm-up runs as they end
     * @param done told of each round as soon as its version has been appended
     * @return the reports of the rounds run, in stage order
     */
    public List<RoundReport> throughStage(
            List<Stage> stages,
            int last,
            Function<AgentId, AgentCard> cards,
            WarmupExecutor.Progress progress,
            Consumer<RoundReport> done) {
        start(stages.getFirst().pool().ids());
        Set<AgentId> onboarded = onboarded(store);
        List<RoundReport> reports = new ArrayList<>();
        for (int k = 1; k <= last; k++) {
            List<AgentCard> joining = stages.get(k).added().stream()
                    .filter(id -> !onboarded.contains(id))
                    .map(cards)
                    .toList();
            if (joining.isEmpty()) {
                continue;
            }
            RoundReport report = round(stages.get(k - 1).pool(), joining, progress);
            joining.forEach(card -> onboarded.add(card.id()));
            reports.add(report);
            done.accept(report);
        }
        return reports;
    }

    /**
     * Rule 4: the workers the head's lineage has onboarded (the head, its parent, and so on, a rollback version
     * continuing from the version it restores), in the order they joined; empty for an empty store.
     *
     * @param store the memory store
     * @return the onboarded workers, in the order they joined
     */
    public static Set<AgentId> onboarded(MemoryStore store) {
        Map<MemoryVersion, RoutingMemory> byVersion = new HashMap<>();
        store.history().forEach(version -> byVersion.put(version.version(), version));
        List<RoutingMemory> lineage = new ArrayList<>();
        Optional<RoutingMemory> at = store.head();
        while (at.isPresent()) {
            RoutingMemory version = at.get();
            lineage.add(version);
            Optional<MemoryVersion> from = version.gate().outcome() == GateRecord.Outcome.ROLLBACK
                    ? version.gate().restores()
                    : version.parentVersion();
            at = from.map(byVersion::get);
        }
        Set<AgentId> onboarded = new LinkedHashSet<>();
        for (RoutingMemory version : lineage.reversed()) {
            if (version.parentVersion().isEmpty()) {
                onboarded.addAll(version.validated());
            }
            onboarded.addAll(version.gate().onboarded());
        }
        return onboarded;
    }
}
