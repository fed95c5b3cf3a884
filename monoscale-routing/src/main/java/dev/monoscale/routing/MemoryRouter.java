package dev.monoscale.routing;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.AgentCard;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * Thread-safe and deterministic.
 */
public final class MemoryRouter implements PolicyRouter, LeaveOut {

    private final Pool pool;
    private final List<AgentId> ids;
    private final RoutingMemory memory;
    private final EmbeddedRouter base;
    private final int[] baseIndex;
    private final MemoryRetrieval retrieval;
    private final MemoryRouterConfig config;
    private final double temperature;

    private MemoryRouter(Pool pool, RoutingMemory memory, EmbeddedRouterConfig baseConfig, MemoryRouterConfig config) {
        this.pool = pool;
        this.ids = pool.ids();
        this.memory = memory;
        this.config = config;
        this.temperature = baseConfig.temperature();
        Set<AgentId> validated = new HashSet<>(memory.validated());
        List<AgentCard> trusted = pool.cards().stream().filter(card -> validated.contains(card.id())).toList();
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("memory %s validates %s, none of which is in the pool %s"
                    .formatted(memory.version(), memory.validated(), ids));
        }
        this.base = EmbeddedRouter.of(Pool.of(trusted), baseConfig);
        List<AgentId> trustedIds = base.pool().ids();
        this.baseIndex = ids.stream().mapToInt(trustedIds::indexOf).toArray();
        this.retrieval = MemoryRetrieval.of(memory, config);
    }

    public static MemoryRouter of(Pool pool, RoutingMemory memory, EmbeddedRouterConfig baseConfig, MemoryRouterConfig config) {
        return new MemoryRouter(pool, memory, baseConfig, config);
    }

    /** The {@link MemoryRouting} that makes memory routers with these settings. */
    public static MemoryRouting routing(EmbeddedRouterConfig baseConfig, MemoryRouterConfig config) {
        return (pool, memory) -> of(pool, memory, baseConfig, config);
    }

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
            StepDecision decision = decide(task, step, step.inputs().stream().map(chosen::get).toList());
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
        return decide(task, step, inputProducers, entry -> false);
    }

    @Override
    public Policy policyWithout(Task task, Subtask step, List<AgentId> inputProducers, Predicate<MemoryEntry> left) {
        return decide(task, step, inputProducers, left).policy();
    }

    /** As {@link #decide(Task, Subtask, List)}, as if the memory lacked the entries {@code left} accepts. */
    public StepDecision decide(Task task, Subtask step, List<AgentId> inputProducers, Predicate<MemoryEntry> left) {
        List<RawScore> trusted = base.scores(task, step);
        double anchor = 0;
        for (RawScore score : trusted) {
            anchor = Math.max(anchor, score.score());
        }
        int n = ids.size();
        double[] score = new double[n];
        List<List<String>> because = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (baseIndex[i] >= 0) {
                RawScore raw = trusted.get(baseIndex[i]);
                score[i] = raw.score();
                because.add(new ArrayList<>(raw.because()));
            } else {
                score[i] = Double.NEGATIVE_INFINITY;
                because.add(new ArrayList<>(List.of("not validated: used only where a memory entry prefers it")));
            }
        }
        for (AgentId former : retrieval.formerDefaults()) {
            int at = ids.indexOf(former);
            if (at >= 0 && score[at] == Double.NEGATIVE_INFINITY) {
                score[at] = anchor;
                because.get(at).add("a former default route: usable, no longer preferred");
            }
        }
        boolean[] masked = new boolean[n];
        double floor = anchor;
        for (int i = 0; i < n; i++) {
            masked[i] = score[i] == Double.NEGATIVE_INFINITY;
            if (!masked[i]) {
                floor = Math.min(floor, score[i]);
            }
        }
        for (AgentId endorsed : retrieval.endorsed(step.text(), left)) {
            int at = ids.indexOf(endorsed);
            if (at >= 0 && masked[at]) {
                // usable, below every validated worker: a preference that did not make the top K never wins a step
                score[at] = floor - config.avoidShift();
                because.get(at).add("preferred by an entry outside the top K: usable, not favoured");
            }
        }
        List<EntryIndex.Hit> applied = retrieval.hits(step.text(), left);
        for (EntryIndex.Hit hit : applied) {
            double w = hit.weight();
            for (WorkerGuidance guidance : hit.entry().guidance()) {
                int at = ids.indexOf(guidance.worker());
                if (at < 0 || guidance.stance() != Stance.PREFER) {
                    continue;
                }
                if (hit.entry().isExample() && masked[at]) {
                    continue; // an example moves usable workers only: see the class comment
                }
                double shift = config.preferShift() * w;
                score[at] = masked[at] ? anchor + shift : score[at] + shift;
                masked[at] = false;
                because.get(at).add(String.format(Locale.ROOT, "entry %s prefers it (+%.2f)", hit.entry().id(), shift));
            }
        }
        for (EntryIndex.Hit hit : applied) {
            double w = hit.weight();
            for (WorkerGuidance guidance : hit.entry().guidance()) {
                int at = ids.indexOf(guidance.worker());
                if (at < 0 || guidance.stance() == Stance.PREFER) {
                    continue;
                }
                if (guidance.stance() == Stance.CONSTRAIN && Collections.disjoint(guidance.afterWorkers(), inputProducers)) {
                    continue;
                }
                double shift = config.avoidShift() * w;
                score[at] -= shift;
                if (score[at] != Double.NEGATIVE_INFINITY) {
                    because.get(at).add(String.format(Locale.ROOT, "entry %s %s it (-%.2f)", hit.entry().id(),
                            guidance.stance() == Stance.AVOID ? "avoids" : "constrains", shift));
                }
            }
        }
        Policy policy = Policy.softmax(ids, score, temperature);
        List<WorkerScore> explanation = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            explanation.add(new WorkerScore(ids.get(i), score[i], policy.probability(i), because.get(i)));
        }
        return new StepDecision(step, policy, policy.argmax(), explanation);
    }
}
