package dev.monoscale.core;

/**
 * Chooses a worker for every step of a task. A router is bound to one pool (and, once it has one, one
 * memory version); it is deterministic for a given task and thread-safe.
 */
public interface Router {

    Plan route(Task task);
}
