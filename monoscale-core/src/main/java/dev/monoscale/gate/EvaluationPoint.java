package dev.monoscale.gate;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import java.util.List;

/**
 * One x of the gate's averages: a warm-up task's probed step, with the workers the lift would have handed it
 * inputs from, and the task pattern whose value estimates apply.
 */
public record EvaluationPoint(Task task, Subtask step, List<AgentId> producers, int pattern) {

    public EvaluationPoint {
        producers = List.copyOf(producers);
    }
}
