package dev.monoscale.execution;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.Trace;
import dev.monoscale.core.Worker;
import java.util.List;
import java.util.function.Function;

/**
 * Where a round's warm-up plans are run: the port between deciding the runs (the behaviour policy, in
 * {@link WarmupExecutor}) and making the worker calls. The default runs them in this process on virtual threads
 * ({@link #inProcess}); an engine such as Temporal (module monoscale-temporal) makes the calls on worker processes
 * elsewhere and keeps the completed ones durable. Every implementation runs each plan as {@link PlanRunner} does:
 * the steps in order, each reading the outputs it names, the first failed step ending the run, a worker's fault
 * recorded in the trace and never thrown.
 */
public interface PlanExecution {

    /**
     * Runs every plan once and returns their traces in the order of {@code runs}, telling {@code progress} after
     * each finished run.
     *
     * @param key what identifies this batch among the rounds that share the engine (the round's seed); runs with
     *     the same key and the same plans are the same calls, which a durable engine runs once
     */
    List<Trace> run(String key, List<PlannedRun> runs, WarmupExecutor.Progress progress);

    /** The plans run in this process, in parallel on virtual threads, with {@code workers} and {@code checker}. */
    static PlanExecution inProcess(Function<AgentId, Worker> workers, Checker checker) {
        return new InProcessExecution(new PlanRunner(workers, checker));
    }
}
