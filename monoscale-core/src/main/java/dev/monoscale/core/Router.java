package dev.monoscale.core;

/**
 * Chooses a worker for every step of a task. A router is bound to one pool (and, once it has one, one
 * memory version); it is deterministic for a given task and thread-safe.
 */
public interface Router {

    /**
     * Chooses a worker for every step of {@code task}.
     *
     * @param task the task to route
     * @return the plan: a worker per step, with the policy each came from
     */
    Plan route(Task task);
}
