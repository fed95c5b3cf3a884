package dev.monoscale.core;

/**
 * A member of the pool that does steps. Implementations never throw for a worker's own faults (errors,
 * timeouts, refusals): they return {@link WorkerReply.Failed}. They are thread-safe.
 */
public interface Worker {

    AgentId id();

    WorkerReply call(WorkerCall call);
}
