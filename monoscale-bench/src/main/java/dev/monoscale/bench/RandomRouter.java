package dev.monoscale.bench;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Router;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.WorkerScore;
import dev.monoscale.stats.Seeds;
import java.util.List;

/** The random baseline: every step goes to a worker drawn uniformly from the pool, seeded by task and step. */
final class RandomRouter implements Router {

    private final List<AgentId> workers;
    private final long seed;

    public RandomRouter(Pool pool, long seed) {
        this.workers = pool.ids();
        this.seed = seed;
    }

    @Override
    public Plan route(Task task) {
        Policy uniform = Policy.uniform(workers);
        List<WorkerScore> scores = workers.stream()
                .map(id -> new WorkerScore(id, 0, uniform.probability(id), List.of("uniform at random")))
                .toList();
        List<StepDecision> steps = task.subtasks().stream()
                .map((Subtask step) -> new StepDecision(
                        step,
                        uniform,
                        uniform.sample(Seeds.uniform(seed, "random-router", task.id(), step.index())),
                        scores))
                .toList();
        return new Plan(task.id(), steps);
    }
}
