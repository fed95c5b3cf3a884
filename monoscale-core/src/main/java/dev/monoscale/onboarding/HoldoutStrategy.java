package dev.monoscale.onboarding;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.gate.EvaluationPoint;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.HoldoutGate;
import dev.monoscale.gate.TaskOutcomes;
import dev.monoscale.gate.TrustRegionGate;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.stats.Seeds;
import dev.monoscale.synthesis.WarmupTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The holdout rule ({@link dev.monoscale.gate.GateRule#HOLDOUT}): the warm-up runs in {@link GateConfig#looks()}
 * batches, each a slice of every new worker's tasks in a seeded order; alternate tasks of that order are held out.
 * After each batch the candidates are distilled from the selection half only and the {@link HoldoutGate} chooses one
 * there and tests it on the held-out half. The round stops at the first passed test, when no candidate can be
 * chosen, or when the budget is spent. Specialists run under the {@link WarmupExecutor.Behaviour#TARGETED} design,
 * which runs at each probed step the workers the candidates so far would deploy there; generalists are paired.
 */
final class HoldoutStrategy implements GateStrategy {

    private final GateConfig gate;
    private final boolean generalists;

    HoldoutStrategy(GateConfig gate, PoolKind kind) {
        this.gate = gate;
        this.generalists = kind == PoolKind.GENERALISTS;
    }

    @Override
    public WarmupExecutor.Behaviour behaviour() {
        return generalists ? WarmupExecutor.Behaviour.PAIRED : WarmupExecutor.Behaviour.TARGETED;
    }

    @Override
    public Decision decide(Round round) {
        // each newcomer's tasks in an order drawn from the seed; batch k is the k-th slice of every newcomer's order,
        // and alternate tasks of an order go to the selection and the held-out half
        Map<AgentId, List<WarmupTask>> order = new LinkedHashMap<>();
        Set<String> heldOut = new HashSet<>();
        round.planned().forEach((id, list) -> {
            List<WarmupTask> shuffled = shuffled(list, round.seed(), id);
            order.put(id, shuffled);
            for (int i = 1; i < shuffled.size(); i += 2) {
                heldOut.add(id(shuffled.get(i)));
            }
        });
        int looks = gate.looks();
        List<TrustRegionGate.Candidate> scored = List.of();
        Look decided = null;
        for (int look = 1; look <= looks; look++) {
            List<WarmupTask> batch = new ArrayList<>();
            for (List<WarmupTask> mine : order.values()) {
                batch.addAll(mine.subList(slice(mine.size(), look - 1, looks), slice(mine.size(), look, looks)));
            }
            // the selection tasks first; then the held-out ones, running at each probed step the workers that the
            // candidates distilled from the selection half so far would deploy there, so the test compares the
            // candidate it tests with the lift on the same tasks
            List<WarmupTask> chosenFrom =
                    batch.stream().filter(task -> !heldOut.contains(id(task))).toList();
            List<WarmupTask> testedOn =
                    batch.stream().filter(task -> heldOut.contains(id(task))).toList();
            round.run(chosenFrom, targets(scored));
            // the held-out runs cannot change what the selection half gives, so the look below reuses this
            Distilled distilled = distilled(round, heldOut);
            scored = distilled.scored();
            round.run(testedOn, targets(scored));
            decided = look(look, round, heldOut, distilled);
            if (decided.stop()) {
                break;
            }
        }
        return Objects.requireNonNull(decided, "looks >= 1, so a look decided").decision();
    }

    /** What one look decided, and whether to stop warming up. */
    private record Look(Decision decision, boolean stop) {}

    /** One look of the holdout gate: choose on the selection half, test on the held-out half. */
    private Look look(int look, Round round, Set<String> heldOut, Distilled distilled) {
        List<WarmupRun> runs = round.runs();
        PolicyRouter lift = round.lift();
        List<WarmupRun> selection =
                runs.stream().filter(run -> !heldOut.contains(id(run.warmup()))).toList();
        List<WarmupRun> test =
                runs.stream().filter(run -> heldOut.contains(id(run.warmup()))).toList();
        EvidenceTable all = EvidenceTable.of(runs);
        List<CandidateMemory> units = distilled.units();
        List<TrustRegionGate.Candidate> scored = distilled.scored();
        List<HoldoutGate.Unit> gated = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            gated.add(new HoldoutGate.Unit(
                    scored.get(u), change(units.get(u).added().getFirst())));
        }
        TaskOutcomes outcomes = TaskOutcomes.of(runs);
        HoldoutGate.Decision decided = new HoldoutGate(gate.delta(), gate.alpha(), gate.looks())
                .decide(
                        look,
                        EvaluationPoints.of(selection, lift),
                        EvaluationPoints.of(test, lift),
                        lift,
                        gated,
                        outcomes,
                        round.newcomers(),
                        passed -> round.scored(List.of(union(units, passed))).getFirst());
        boolean stop = decided.stop()
                || (decided.accepted().isEmpty()
                        && decided.record().test().isEmpty()
                        && !HoldoutGate.promising(
                                all.patterns().stream()
                                        .map(pattern -> EvaluationPoints.of(pattern.runs(), lift))
                                        .toList(),
                                newcomerOf(runs),
                                lift,
                                outcomes));
        Optional<CandidateMemory> accepted =
                decided.accepted().isEmpty() ? Optional.empty() : Optional.of(union(units, decided.accepted()));
        return new Look(new Decision(decided.record(), accepted, distilled.candidates()), stop);
    }

    /**
     * The workers the candidates of the last look would deploy at a probed step, most often deployed first: the next
     * batch runs them there, so the gate compares every candidate with the lift on the same tasks. The candidates
     * come from the selection half only, so the held-out runs stay independent of the candidate they test.
     */
    private static WarmupExecutor.Targets targets(List<TrustRegionGate.Candidate> candidates) {
        Map<String, List<AgentId>> byTask = new ConcurrentHashMap<>();
        return (task, step, producers) -> byTask.computeIfAbsent(task.id().value() + "#" + step.index(), k -> {
            EvaluationPoint x = new EvaluationPoint(task, step, producers, 0);
            Map<AgentId, Integer> votes = new LinkedHashMap<>();
            for (TrustRegionGate.Candidate candidate : candidates) {
                votes.merge(candidate.policy().apply(x).argmax(), 1, Integer::sum);
            }
            return votes.entrySet().stream()
                    .sorted(Map.Entry.<AgentId, Integer>comparingByValue().reversed())
                    .map(Map.Entry::getKey)
                    .toList();
        });
    }

    /** What the selection half gives at a look: its candidates, their units, and the units as the gate scores them. */
    private record Distilled(
            List<CandidateMemory> candidates, List<CandidateMemory> units, List<TrustRegionGate.Candidate> scored) {}

    /** The candidates distilled from the selection half alone (its patterns, its outcomes), cut into units. */
    private static Distilled distilled(Round round, Set<String> heldOut) {
        EvidenceTable selection = EvidenceTable.of(round.runs().stream()
                .filter(run -> !heldOut.contains(id(run.warmup())))
                .toList());
        List<CandidateMemory> candidates = round.distill(selection);
        List<CandidateMemory> units = units(candidates);
        return new Distilled(candidates, units, round.scored(units));
    }

    /**
     * The parts the holdout gate accepts or refuses one by one: each candidate's entries grouped by the change they
     * make ({@link #change}: taking up one worker, or moving steps away from one), in the candidate's order. A part
     * is named after its candidate and change.
     */
    static List<CandidateMemory> units(List<CandidateMemory> candidates) {
        List<CandidateMemory> units = new ArrayList<>();
        for (CandidateMemory candidate : candidates) {
            Map<String, List<MemoryEntry>> byChange = new LinkedHashMap<>();
            for (MemoryEntry entry : candidate.added()) {
                byChange.computeIfAbsent(change(entry), k -> new ArrayList<>()).add(entry);
            }
            byChange.forEach(
                    (change, entries) -> units.add(new CandidateMemory(candidate.name() + ": " + change, entries)));
        }
        return units;
    }

    /**
     * The change an entry makes, which names its unit: the stance and worker of its first guidance ("prefer
     * worker-07", "avoid worker-02"); an example or a default route is its own kind of change.
     */
    static String change(MemoryEntry entry) {
        String kind = entry.isExample() ? "examples " : entry.isDefault() ? "default route " : "";
        return entry.guidance().isEmpty()
                ? kind + "no guidance"
                : kind + entry.guidance().getFirst().stance().name().toLowerCase(Locale.ROOT) + " "
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

    /** The new worker whose card each run's task was synthesized for. */
    private static Function<EvaluationPoint, @Nullable AgentId> newcomerOf(List<WarmupRun> runs) {
        Map<String, AgentId> byTask = new HashMap<>();
        runs.forEach(run -> byTask.put(
                run.warmup().task().id().value(), run.warmup().intent().newcomer()));
        return x -> byTask.get(x.task().id().value());
    }

    /** The id of a warm-up task, which decides its half. */
    private static String id(WarmupTask task) {
        return task.task().id().value();
    }

    /** The end of batch {@code k} of {@code looks} in a list of {@code size}: ⌈size · k / looks⌉. */
    static int slice(int size, int k, int looks) {
        return (int) Math.ceil((double) size * k / looks);
    }

    static List<WarmupTask> shuffled(List<WarmupTask> tasks, long seed, AgentId newcomer) {
        List<WarmupTask> out = new ArrayList<>(tasks);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = (int) (Seeds.uniform(seed, "warmup-order", newcomer, i) * (i + 1));
            Collections.swap(out, i, Math.min(i, j));
        }
        return out;
    }
}
