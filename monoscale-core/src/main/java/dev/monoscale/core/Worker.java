package dev.monoscale.core;

/**
 * A member of the pool that does steps. Implementations never throw for a worker's own faults (errors,
 * timeouts, refusals): they return {@link WorkerReply.Failed}. They are thread-safe.
 */
public interface Worker {

    /**
     * The worker's id, the same as its card's.
     *
     * @return the id
     */
    AgentId id();

    /**
     * Does one step. A fault of the worker (an error, a timeout, a refusal) is returned as a
     * {@link WorkerReply.Failed}, never thrown.
     *
     * @param call the step's text and the outputs of the steps it reads
     * @return the answer, or the failure
     */
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
