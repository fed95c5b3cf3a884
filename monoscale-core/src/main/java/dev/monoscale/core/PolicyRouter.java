package dev.monoscale.core;

import java.util.List;

/**
 * A router that can say, for any step, the full distribution it would draw from, given who produced the step's
 * inputs. The gate compares such distributions; deployment uses {@link #route}.
 */
public interface PolicyRouter extends Router {

    /**
     * The pool this router chooses from; its policies are over these workers, in this order.
     *
     * @return the router's pool
     */
    Pool pool();

    /**
     * π(· | task, step) over the whole pool, in pool order.
     *
     * @param inputProducers the workers whose outputs the step reads, in the order of {@code step.inputs()}
     */
    Policy policy(Task task, Subtask step, List<AgentId> inputProducers);
}
