package dev.monoscale.routing;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Pool;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.WorkerScore;
import dev.monoscale.memory.LeaveOut;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.Stance;
import dev.monoscale.memory.WorkerGuidance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The embedded router with routing memory: π_m (DESIGN.md §5).
 *
 * <ol>
 *   <li><b>Base scores.</b> The workers the memory validates are scored by the {@link EmbeddedRouter} over
 *       their cards alone, so adding cards to the pool never changes how they are scored. Every other worker is
 *       masked (probability 0): a new worker's card is a claim, not evidence. A pattern entry that prefers a masked
 *       worker and whose pattern the step covers keeps it usable even when the entry is not among the retrieved
 *       top K (see {@link MemoryRetrieval#endorsed}), scored below every validated worker, so adding entries to a
 *       memory never masks a worker its parent used.
 *   <li><b>Retrieval.</b> Entries whose pattern the step covers (it contains at least {@code minCoverage} of the
 *       pattern's words), the best K by BM25 over entry patterns, kept best first within the token budget. An
 *       entry's weight w is that coverage times its confidence. Then the example entries near the step (see
 *       {@link MemoryRetrieval}), each weighing its confidence: one vote among its neighbours.
 *   <li><b>Default route.</b> The memory's last entry whose pattern is {@code *} applies to every step with
 *       coverage 1: it names the worker that was better than the incumbents across a whole round. Workers of
 *       earlier default routes stay usable at the best validated score, without the preference.
 *   <li><b>Stances.</b> prefer: a masked worker is unmasked at the best validated score plus preferShift·w; a
 *       validated one gains preferShift·w. avoid: the worker loses avoidShift·w. constrain: likewise, but only
 *       when the step reads the output of a worker the entry names. Examples come last and never unmask a worker:
 *       they only reorder the workers the rest made usable, so a memory that drops or outgrows an example never
 *       takes all probability from a worker the lift used (which would put the gate's KL at infinity).
 *   <li><b>Policy.</b> A softmax at the embedded router's temperature; the step goes to the most probable worker.
 * </ol>
 * With no entry that applies, the policy over the validated workers is exactly the embedded router's over
 * them, whatever else the pool holds: the conservative lift. Explanations cite the entries that moved a score.
 *
 * <p><b>Preselection.</b> When more workers are validated than {@link MemoryRouterConfig#preselect()} (k), a step is
 * decided among the k validated workers whose cards match it best ({@link CardIndex#top}: the same BM25 scores, ties
 * in pool order) and the workers memory names for it (former default routes, and the workers that the entries covering
 * the step, the default route included, prefer; examples add none); those are scored exactly as above, the floor of
 * step 4 is the lowest of them, and every other worker gets probability 0 and no explanation. A worker left out scores
 * no more than the k-th before memory moves anything, so the step's choice changes only when memory pushes all k below
 * it. The memory's own workers are added, never traded for card matches, so a memory that adds entries to its parent
 * still covers every worker its parent could use, and the gate's KL stays finite. A pool no larger than k is scored
 * exhaustively, exactly as before. A decision then costs O(k + memory's workers) scoring instead of O(pool), plus one
 * pass over the pool's probabilities.
 *
 * <p>Thread-safe and deterministic.
 */
public final class MemoryRouter implements PolicyRouter, LeaveOut {

    private final Pool pool;
    private final List<AgentId> ids;
    private final Map<AgentId, Integer> positions;
    private final RoutingMemory memory;
    private final EmbeddedRouter base;
    private final int[] baseIndex;
    private final MemoryRetrieval retrieval;
    private final MemoryRouterConfig config;
    private final double temperature;
    private final boolean preselecting;

    private MemoryRouter(
            Pool pool,
            RoutingMemory memory,
            EmbeddedRouterConfig baseConfig,
            MemoryRouterConfig config,
            Function<Pool, EmbeddedRouter> bases) {
        this.pool = pool;
        this.ids = pool.ids();
        this.memory = memory;
        this.config = config;
        this.temperature = baseConfig.temperature();
        this.positions = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            positions.put(ids.get(i), i);
        }
        Set<AgentId> validated = new HashSet<>(memory.validated());
        List<AgentCard> trusted = pool.cards().stream()
                .filter(card -> validated.contains(card.id()))
                .toList();
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("memory %s validates %s, none of which is in the pool %s"
                    .formatted(
                            memory.version(),
                            memory.validated(),
                            ids.size() <= 20 ? ids : ids.size() + " workers " + ids.subList(0, 20) + "..."));
        }
        this.base = bases.apply(Pool.of(trusted));
        Map<AgentId, Integer> trustedAt = new HashMap<>();
        List<AgentId> trustedIds = base.pool().ids();
        for (int i = 0; i < trustedIds.size(); i++) {
            trustedAt.put(trustedIds.get(i), i);
        }
        this.baseIndex =
                ids.stream().mapToInt(id -> trustedAt.getOrDefault(id, -1)).toArray();
        this.retrieval = MemoryRetrieval.of(memory, config);
        this.preselecting = trusted.size() > config.preselect();
    }

    /**
     * The router that {@code memory} induces on {@code pool}.
     *
     * @param pool the workers to route among; the memory must validate at least one of them
     * @param memory the memory version to route with
     * @param baseConfig the embedded router's settings (its temperature and card scoring)
     * @param config how entries are retrieved and how far they move scores
     * @return a router bound to that pool and memory
     * @throws IllegalArgumentException if the memory validates none of the pool's workers
     */
    public static MemoryRouter of(
            Pool pool, RoutingMemory memory, EmbeddedRouterConfig baseConfig, MemoryRouterConfig config) {
        return new MemoryRouter(pool, memory, baseConfig, config, trusted -> EmbeddedRouter.of(trusted, baseConfig));
    }

    /**
     * The {@link MemoryRouting} with the default settings of both routers ({@link EmbeddedRouterConfig#defaults()},
     * {@link MemoryRouterConfig#defaults()}): what the CLI uses, and what an onboarding round needs to build its lift
     * and its candidates.
     *
     * @return memory routing with the default settings
     */
    public static MemoryRouting routing() {
        return routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
    }

    /**
     * The {@link MemoryRouting} that makes memory routers with these settings. It keeps the card index of the last
     * validated pool it built: a round's lift and candidates share one, so a large pool's cards are indexed once.
     */
    public static MemoryRouting routing(EmbeddedRouterConfig baseConfig, MemoryRouterConfig config) {
        Map<Pool, EmbeddedRouter> last = new HashMap<>();
        Function<Pool, EmbeddedRouter> bases = trusted -> {
            synchronized (last) {
                EmbeddedRouter kept = last.get(trusted);
                if (kept == null) {
                    last.clear();
                    kept = EmbeddedRouter.of(trusted, baseConfig);
                    last.put(trusted, kept);
                }
                return kept;
            }
        };
        return (pool, memory) -> new MemoryRouter(pool, memory, baseConfig, config, bases);
    }

    /**
     * The memory version this router routes with.
     *
     * @return the version
     */
    public RoutingMemory memory() {
        return memory;
    }

    @Override
    public Pool pool() {
        return pool;
    }

    @Override
    public Plan route(Task task) {
        List<AgentId> chosen = new ArrayList<>();
        List<StepDecision> steps = new ArrayList<>();
        for (Subtask step : task.subtasks()) {
            StepDecision decision =
                    decide(task, step, step.inputs().stream().map(chosen::get).toList());
            chosen.add(decision.worker());
            steps.add(decision);
        }
        return new Plan(task.id(), steps);
    }

    @Override
    public Policy policy(Task task, Subtask step, List<AgentId> inputProducers) {
        return decide(task, step, inputProducers).policy();
    }

    /** The decision for one step, given who produced its inputs, with the entries that moved it. */
    public StepDecision decide(Task task, Subtask step, List<AgentId> inputProducers) {
        return decide(task, step, inputProducers, MemoryRetrieval.NONE);
    }

    @Override
    public Policy policyWithout(Task task, Subtask step, List<AgentId> inputProducers, Predicate<MemoryEntry> left) {
        return decide(task, step, inputProducers, left).policy();
    }

    /** As {@link #decide(Task, Subtask, List)}, as if the memory lacked the entries {@code left} accepts. */
    public StepDecision decide(Task task, Subtask step, List<AgentId> inputProducers, Predicate<MemoryEntry> left) {
        Set<AgentId> endorsedWorkers = retrieval.endorsed(step.text(), left);
        List<EntryIndex.Hit> applied = retrieval.hits(step.text(), left);
        // the workers decided among, in pool order: every worker, or the preselection and memory's workers
        int[] at;
        List<RawScore> trusted;
        if (preselecting) {
            Set<AgentId> named = new LinkedHashSet<>(retrieval.formerDefaults());
            named.addAll(endorsedWorkers);
            for (EntryIndex.Hit hit : applied) {
                // examples only move workers already usable, so they add none (and their retrieval is not monotone)
                List<WorkerGuidance> guidances =
                        hit.entry().isExample() ? List.of() : hit.entry().guidance();
                for (WorkerGuidance guidance : guidances) {
                    if (guidance.stance() == Stance.PREFER) {
                        named.add(guidance.worker());
                    }
                }
            }
            named.retainAll(positions.keySet());
            List<AgentId> namedTrusted = named.stream()
                    .filter(id -> baseIndex[Objects.requireNonNull(positions.get(id))] >= 0)
                    .toList();
            trusted = base.preselected(task, step, config.preselect(), namedTrusted);
            Set<Integer> chosen = new HashSet<>();
            trusted.forEach(score -> chosen.add(positions.get(score.worker())));
            named.forEach(id -> chosen.add(positions.get(id)));
            at = chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
        } else {
            trusted = base.scores(task, step);
            at = new int[ids.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = i;
            }
        }
        Map<AgentId, RawScore> trustedOf = new HashMap<>();
        double anchor = 0;
        for (RawScore score : trusted) {
            anchor = Math.max(anchor, score.score());
            trustedOf.put(score.worker(), score);
        }
        int m = at.length;
        Map<Integer, Integer> slotOf = new HashMap<>(m * 2);
        double[] score = new double[m];
        List<List<String>> because = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            slotOf.put(at[j], j);
            RawScore raw = baseIndex[at[j]] >= 0 ? trustedOf.get(ids.get(at[j])) : null;
            if (raw != null) {
                score[j] = raw.score();
                because.add(new ArrayList<>(raw.because()));
            } else {
                score[j] = Double.NEGATIVE_INFINITY;
                because.add(new ArrayList<>(List.of("not validated: used only where a memory entry prefers it")));
            }
        }
        for (AgentId former : retrieval.formerDefaults()) {
            int j = slot(slotOf, former);
            if (j >= 0 && score[j] == Double.NEGATIVE_INFINITY) {
                score[j] = anchor;
                because.get(j).add("a former default route: usable, no longer preferred");
            }
        }
        boolean[] masked = new boolean[m];
        double floor = anchor;
        for (int j = 0; j < m; j++) {
            masked[j] = score[j] == Double.NEGATIVE_INFINITY;
            if (!masked[j]) {
                floor = Math.min(floor, score[j]);
            }
        }
        for (AgentId endorsed : endorsedWorkers) {
            int j = slot(slotOf, endorsed);
            if (j >= 0 && masked[j]) {
                // usable, below every validated worker: a preference that did not make the top K never wins a step
                score[j] = floor - config.avoidShift();
                because.get(j).add("preferred by an entry outside the top K: usable, not favoured");
            }
        }
        for (EntryIndex.Hit hit : applied) {
            double w = hit.weight();
            for (WorkerGuidance guidance : hit.entry().guidance()) {
                int j = slot(slotOf, guidance.worker());
                if (j < 0 || guidance.stance() != Stance.PREFER) {
                    continue;
                }
                if (hit.entry().isExample() && masked[j]) {
                    continue; // an example moves usable workers only: see the class comment
                }
                double shift = config.preferShift() * w;
                score[j] = masked[j] ? anchor + shift : score[j] + shift;
                masked[j] = false;
                because.get(j)
                        .add(String.format(
                                Locale.ROOT,
                                "entry %s prefers it (+%.2f)",
                                hit.entry().id(),
                                shift));
            }
        }
        for (EntryIndex.Hit hit : applied) {
            double w = hit.weight();
            for (WorkerGuidance guidance : hit.entry().guidance()) {
                int j = slot(slotOf, guidance.worker());
                if (j < 0 || guidance.stance() == Stance.PREFER) {
                    continue;
                }
                if (guidance.stance() == Stance.CONSTRAIN
                        && Collections.disjoint(guidance.afterWorkers(), inputProducers)) {
                    continue;
                }
                double shift = config.avoidShift() * w;
                score[j] -= shift;
                if (score[j] != Double.NEGATIVE_INFINITY) {
                    because.get(j)
                            .add(String.format(
                                    Locale.ROOT,
                                    "entry %s %s it (-%.2f)",
                                    hit.entry().id(),
                                    guidance.stance() == Stance.AVOID ? "avoids" : "constrains",
                                    shift));
                }
            }
        }
        double[] all = score;
        if (m != ids.size()) {
            all = new double[ids.size()];
            Arrays.fill(all, Double.NEGATIVE_INFINITY);
            for (int j = 0; j < m; j++) {
                all[at[j]] = score[j];
            }
        }
        Policy policy = Policy.softmax(ids, all, temperature);
        List<WorkerScore> explanation = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            explanation.add(new WorkerScore(ids.get(at[j]), score[j], policy.probability(at[j]), because.get(j)));
        }
        return new StepDecision(step, policy, policy.argmax(), explanation);
    }

    /** The slot of a worker among those decided, or -1 when it is not in the pool or not among them. */
    private int slot(Map<Integer, Integer> slotOf, AgentId worker) {
        Integer position = positions.get(worker);
        if (position == null) {
            return -1;
        }
        Integer j = slotOf.get(position);
        return j == null ? -1 : j;
    }
}
