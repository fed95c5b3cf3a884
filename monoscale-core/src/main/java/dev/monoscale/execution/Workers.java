package dev.monoscale.execution;

import dev.monoscale.core.FailureKind;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.time.Duration;

/** Helpers for calling workers whose implementations may break their contract. */
public final class Workers {

    private Workers() {}

    /** Looks the worker up and calls it; a lookup or a call that throws becomes a failed reply. */
    public static WorkerReply callSafely(
            java.util.function.Function<dev.monoscale.core.AgentId, Worker> workers,
            dev.monoscale.core.AgentId id,
            WorkerCall call) {
        Worker worker;
        try {
            worker = workers.apply(id);
        } catch (RuntimeException e) {
            return new WorkerReply.Failed(
                    FailureKind.UNAVAILABLE,
                    "worker '%s' cannot be called: %s".formatted(id, e.getMessage()),
                    Duration.ZERO,
                    0);
        }
        return callSafely(worker, call);
    }

    /** Calls the worker; an exception it throws becomes a failed reply that names the exception. */
    public static WorkerReply callSafely(Worker worker, WorkerCall call) {
        try {
            return worker.call(call);
        } catch (RuntimeException e) {
            return new WorkerReply.Failed(
                    FailureKind.ERROR,
                    "worker '%s' threw %s: %s"
                            .formatted(worker.id(), e.getClass().getSimpleName(), e.getMessage()),
                    Duration.ZERO,
                    0);
        }
    }
}
