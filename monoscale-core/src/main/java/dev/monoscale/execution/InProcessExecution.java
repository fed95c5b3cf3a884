package dev.monoscale.execution;

import dev.monoscale.core.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The default {@link PlanExecution}: one virtual thread per run, in this process. */
final class InProcessExecution implements PlanExecution {

    private final PlanRunner runner;

    InProcessExecution(PlanRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<Trace> run(String key, List<PlannedRun> runs, WarmupExecutor.Progress progress) {
        AtomicInteger done = new AtomicInteger();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Trace>> pending = new ArrayList<>(runs.size());
            for (PlannedRun run : runs) {
                pending.add(threads.submit(() -> {
                    Trace trace = runner.run(run.task(), run.plan(), run.sample());
                    progress.ran(done.incrementAndGet(), runs.size());
                    return trace;
                }));
            }
            List<Trace> traces = new ArrayList<>(runs.size());
            for (Future<Trace> trace : pending) {
                traces.add(await(trace));
            }
            return traces;
        }
    }

    private static Trace await(Future<Trace> trace) {
        try {
            return trace.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("warm-up interrupted");
        } catch (ExecutionException e) {
            // The plan runner records worker faults in the trace, so reaching this is a bug: fail loudly.
            throw new IllegalStateException("a warm-up run threw instead of recording a failed step", e.getCause());
        }
    }
}
