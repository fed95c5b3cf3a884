package dev.monoscale.core;

/**
 * A member of the pool that does steps. Implementations never throw for a worker's own faults (errors,
 * timeouts, refusals): they return {@link WorkerReply.Failed}. They are thread-safe.
 */
public interface Worker {

    AgentId id();

    WorkerReply call(WorkerCall call);

    /** The worker {@code id} whose calls {@code call} answers. */
    static Worker of(AgentId id, java.util.function.Function<WorkerCall, WorkerReply> call) {
        return new Worker() {
            @Override
            public AgentId id() {
                return id;
            }

            @Override
            public WorkerReply call(WorkerCall request) {
                return call.apply(request);
            }
        };
    }
}
