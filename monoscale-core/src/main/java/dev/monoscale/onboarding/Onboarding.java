package dev.monoscale.onboarding;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Stage;
import dev.monoscale.core.World;
import dev.monoscale.distillation.Distiller;
import dev.monoscale.execution.PlanExecution;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
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
    private final InstantSource clock;

    /**
     * @param policy whether each update must pass the gate ({@link GatePolicy#UNGATED} is the benchmarks' ablation)
     * @param kind what kind of workers the pool holds
     */
    public Onboarding(OnboardingRound.Parts parts, RoundConfig config, GatePolicy policy, PoolKind kind) {
        this(parts, config, policy, kind, PlanExecution.inProcess(parts.workers(), parts.checker()));
    }

    /** Onboarding whose rounds' warm-up calls {@code execution} makes: an engine such as Temporal. */
    public Onboarding(OnboardingRound.Parts parts, RoundConfig config, GatePolicy policy, PoolKind kind,
            PlanExecution execution) {
        this.round = new OnboardingRound(parts, config, policy, kind, execution);
        this.store = parts.store();
        this.clock = parts.clock();
    }

    /**
     * The parts of a round in a world that materialises its own warm-up tasks (a simulated or a replayed world):
     * tasks from the cards, the world's checker, and {@code workers} (the world's own, or wrapped).
     */
    public static OnboardingRound.Parts parts(World world, Function<AgentId, dev.monoscale.core.Worker> workers, Distiller distiller,
            MemoryRouting routing, MemoryStore store, InstantSource clock) {
        if (!(world instanceof TaskCatalogue catalogue)) {
            throw new IllegalArgumentException("world '%s' cannot materialise warm-up tasks, which onboarding needs".formatted(world.name()));
        }
        return new OnboardingRound.Parts(new CardWarmupSynthesizer(catalogue), workers, world.checker(), distiller, routing, store, clock);
    }

    /** The head of the store, and whether {@link #start} just created it as version 0. */
    public record Start(RoutingMemory head, boolean created) {}

    /** The store's head; an empty store is first given version 0 over {@code initialPool}. */
    public Start start(List<AgentId> initialPool) {
        boolean empty = store.head().isEmpty();
        return new Start(headOrInitial(store, initialPool, clock.instant()), empty);
    }

    /**
     * Rule 1 for a surface that has no round to run yet, such as {@code serve} over A2A agents given by URL: the
     * store's head, an empty store first given version 0 over {@code initialPool}.
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

    /** One round: onboards {@code joining} into {@code before}. */
    public RoundReport round(Pool before, List<AgentCard> joining, WarmupExecutor.Progress progress) {
        return round.run(before, joining, progress);
    }

    /**
     * Grows the memory to stage {@code last} of {@code stages} (rules 2 and 3): for each stage 1..last, one round
     * for its workers that are not yet {@link #onboarded}, into the pool of the stage before; a stage whose workers
     * are all onboarded is skipped. Each report goes to {@code done} as soon as its round has been appended.
     */
    public List<RoundReport> throughStage(List<Stage> stages, int last, Function<AgentId, AgentCard> cards,
            WarmupExecutor.Progress progress, Consumer<RoundReport> done) {
        start(stages.getFirst().pool().ids());
        Set<AgentId> onboarded = onboarded(store);
        List<RoundReport> reports = new ArrayList<>();
        for (int k = 1; k <= last; k++) {
            List<AgentCard> joining = stages.get(k).added().stream().filter(id -> !onboarded.contains(id)).map(cards).toList();
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
