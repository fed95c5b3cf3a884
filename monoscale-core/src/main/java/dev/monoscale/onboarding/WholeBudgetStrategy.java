package dev.monoscale.onboarding;

import dev.monoscale.core.PolicyRouter;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.TrustRegionGate;
import dev.monoscale.gate.ValueEstimates;
import dev.monoscale.synthesis.WarmupTask;
import java.util.List;

/**
 * The legacy rule and the ungated ablation: the whole budget runs in one batch, the candidates are distilled from
 * every run and scored by the {@link TrustRegionGate} on the same runs; ungated, the gate keeps the widest candidate
 * whatever its numbers. Specialists' runs repeat per task ({@link WarmupExecutor.Behaviour#REPEATED}), generalists'
 * are paired on each task and valued across the round.
 */
final class WholeBudgetStrategy implements GateStrategy {

    private final GateConfig gate;
    private final boolean gated;
    private final boolean generalists;

    WholeBudgetStrategy(GateConfig gate, boolean gated, PoolKind kind) {
        this.gate = gate;
        this.gated = gated;
        this.generalists = kind == PoolKind.GENERALISTS;
    }

    @Override
    public WarmupExecutor.Behaviour behaviour() {
        return generalists ? WarmupExecutor.Behaviour.PAIRED : WarmupExecutor.Behaviour.REPEATED;
    }

    @Override
    public Decision decide(Round round) {
        List<WarmupTask> tasks =
                round.planned().values().stream().flatMap(List::stream).toList();
        return decideOn(round, round.run(tasks, WarmupExecutor.Targets.NONE));
    }

    /** The rule's decision on {@code runs}: candidates distilled from them and scored on them. */
    Decision decideOn(Round round, List<WarmupRun> runs) {
        EvidenceTable evidence = EvidenceTable.of(runs);
        PolicyRouter lift = round.lift();
        List<CandidateMemory> candidates = round.distill(evidence);
        TrustRegionGate.Outcome outcome = new TrustRegionGate(gate, round.seed())
                .decide(
                        EvaluationPoints.of(evidence, lift),
                        lift,
                        round.scored(candidates),
                        ValueEstimates.from(evidence, generalists),
                        round.newcomers(),
                        gated);
        return new Decision(outcome.record(), outcome.accepted().map(candidates::get), candidates);
    }
}
