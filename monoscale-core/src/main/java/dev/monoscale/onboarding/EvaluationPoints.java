package dev.monoscale.onboarding;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Subtask;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.evidence.PatternEvidence;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.gate.EvaluationPoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The points a gate evaluates a round's candidates at: one per warm-up task, at its probed step. */
final class EvaluationPoints {

    private EvaluationPoints() {}

    /** One point per warm-up task among {@code runs}: its probed step, with the producers the lift's plan would use. */
    static List<EvaluationPoint> of(List<WarmupRun> runs, PolicyRouter lift) {
        List<EvaluationPoint> points = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (WarmupRun run : runs) {
            if (seen.add(run.warmup().task().id().value())) {
                points.add(point(run, lift, 0));
            }
        }
        return points;
    }

    /** One point per warm-up task and pattern: its probed step, with the producers the lift's own plan would use. */
    static List<EvaluationPoint> of(EvidenceTable evidence, PolicyRouter lift) {
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
        throw new IllegalStateException(
                "warm-up task " + task.id() + " has no step " + run.warmup().probedStep());
    }
}
