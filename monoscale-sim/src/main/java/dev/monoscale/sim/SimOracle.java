package dev.monoscale.sim;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Router;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.core.WorkerScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The ceiling: a router that reads the hidden profiles and the world's draws for sample 0 (the sample
 * benchmarks evaluate). It returns a plan that succeeds whenever any plan over the pool would, preferring the
 * one with the highest success probability; when none would, the plan with the highest success probability.
 * No router that sees only cards and memory can score above it on the same tasks.
 */
final class SimOracle implements Router {

    private final SimWorld world;
    private final List<AgentId> ids;

    SimOracle(SimWorld world, Pool pool) {
        this.world = world;
        this.ids = pool.ids();
    }

    @Override
    public Plan route(Task task) {
        List<String> skills = world.skillsOf(task.id());
        SimWorld.SimTask known = world.simTask(task.id());
        List<AgentId> best = new ArrayList<>();
        double[] bestP = {-1};
        List<AgentId> bestSucceeding = new ArrayList<>();
        double[] bestSucceedingP = {-1};
        search(
                task,
                known,
                skills,
                new ArrayList<>(),
                new ArrayList<>(),
                1.0,
                true,
                best,
                bestP,
                bestSucceeding,
                bestSucceedingP);
        List<AgentId> chosen = bestSucceeding.isEmpty() ? best : bestSucceeding;
        List<StepDecision> steps = new ArrayList<>();
        for (Subtask step : task.subtasks()) {
            AgentId worker = chosen.get(step.index());
            List<WorkerScore> scores = ids.stream()
                    .map(id -> new WorkerScore(
                            id,
                            world.successProbability(id, skills.get(step.index())),
                            id.equals(worker) ? 1 : 0,
                            List.of(String.format(
                                    Locale.ROOT,
                                    "hidden success probability on %s: %.2f",
                                    skills.get(step.index()),
                                    world.successProbability(id, skills.get(step.index()))))))
                    .toList();
            steps.add(new StepDecision(step, Policy.pointMass(ids, worker), worker, scores));
        }
        return new Plan(task.id(), steps);
    }

    /** Depth-first over every assignment of workers to steps, following the world's real draws for sample 0. */
    private void search(
            Task task,
            SimWorld.SimTask known,
            List<String> skills,
            List<AgentId> prefix,
            List<StepOutput> outputs,
            double probability,
            boolean stillRight,
            List<AgentId> best,
            double[] bestP,
            List<AgentId> bestSucceeding,
            double[] bestSucceedingP) {
        int step = prefix.size();
        if (step == skills.size()) {
            if (probability > bestP[0]) {
                bestP[0] = probability;
                best.clear();
                best.addAll(prefix);
            }
            if (stillRight && probability > bestSucceedingP[0]) {
                bestSucceedingP[0] = probability;
                bestSucceeding.clear();
                bestSucceeding.addAll(prefix);
            }
            return;
        }
        if (probability <= bestP[0] && probability <= bestSucceedingP[0]) {
            return; // products only shrink: no extension of this prefix can beat what was found
        }
        Subtask subtask = task.subtasks().get(step);
        List<AgentId> order = ids.stream()
                .sorted(Comparator.comparingDouble((AgentId id) -> -world.successProbability(id, skills.get(step))))
                .toList();
        for (AgentId worker : order) {
            List<StepOutput> inputs =
                    subtask.inputs().stream().map(outputs::get).toList();
            double p = world.successProbability(worker, skills.get(step));
            for (StepOutput input : inputs) {
                if (world.refuses(worker, input.producer(), input.format())) {
                    p = 0;
                }
            }
            WorkerReply reply = world.outcome(world.spec(worker), known, step, 0, inputs);
            boolean right = stillRight
                    && reply instanceof WorkerReply.Answered answered
                    && answered.content().equals(known.answers().get(step));
            StepOutput output = reply instanceof WorkerReply.Answered answered
                    ? new StepOutput(step, worker, answered.content(), answered.format())
                    : new StepOutput(step, worker, "", world.outputFormat(skills.get(step)));
            prefix.add(worker);
            outputs.add(output);
            search(
                    task,
                    known,
                    skills,
                    prefix,
                    outputs,
                    probability * p,
                    right,
                    best,
                    bestP,
                    bestSucceeding,
                    bestSucceedingP);
            prefix.removeLast();
            outputs.removeLast();
        }
    }
}
