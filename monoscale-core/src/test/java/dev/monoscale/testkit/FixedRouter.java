package dev.monoscale.testkit;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Pool;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import java.util.List;

/** A router that answers every step with the same policy over a pool of plain cards: a conservative lift for tests. */
public final class FixedRouter {

    private FixedRouter() {}

    /** Every step gets {@code policy} (over {@code ids}, in that order) and goes to its most probable worker. */
    public static PolicyRouter of(List<AgentId> ids, Policy policy) {
        Pool pool = Pool.of(ids.stream()
                .map(id -> new AgentCard(id, id.value(), "a worker", List.of(), List.of(), List.of(), List.of(), "1"))
                .toList());
        return new PolicyRouter() {
            @Override
            public Pool pool() {
                return pool;
            }

            @Override
            public Policy policy(Task task, Subtask step, List<AgentId> inputProducers) {
                return policy;
            }

            @Override
            public Plan route(Task task) {
                return new Plan(
                        task.id(),
                        task.subtasks().stream()
                                .map(step -> new StepDecision(step, policy, policy.argmax(), List.of()))
                                .toList());
            }
        };
    }
}
