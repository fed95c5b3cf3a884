package dev.monoscale.temporal;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.Worker;
import dev.monoscale.execution.PlanExecution;
import dev.monoscale.execution.TaskNotes;
import dev.monoscale.execution.WarmupEngine;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** A connection to a Temporal server: submits rounds' batches, or serves calls as a worker process. */
final class TemporalRemote implements WarmupEngine.Remote {

    private final WorkflowServiceStubs stubs;
    private final WorkflowClient client;
    private final WarmupEngine.Settings settings;
    private final List<WorkerFactory> factories = new ArrayList<>();

    TemporalRemote(WorkflowServiceStubs stubs, WorkflowClient client, WarmupEngine.Settings settings) {
        this.stubs = stubs;
        this.client = client;
        this.settings = settings;
    }

    @Override
    public PlanExecution execution(Checker checker, TaskNotes tasks, Consumer<String> notes) {
        return new TemporalExecution(client, settings, checker, tasks, notes);
    }

    /**
     * Registers the warm-up workflow and the call activity on the settings' queue, and starts polling: any worker
     * process can make any call and can carry on a workflow whose worker died.
     */
    @Override
    public void serve(Function<AgentId, Worker> workers, TaskNotes tasks, Consumer<String> log) {
        // no workflow cache, so no sticky queue: a workflow whose worker died goes to the next worker at once, which
        // replays its (short) history, instead of waiting on the dead worker's sticky queue
        WorkerFactory factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(0).build());
        // the workflow's code is light, but its first task in a cold JVM on a busy machine decodes the whole batch:
        // the default deadlock detection (1 s) failed that task once in a test, so allow more
        WorkerOptions.Builder options = WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000);
        if (settings.callsPerSecond() > 0) {
            options.setMaxWorkerActivitiesPerSecond(settings.callsPerSecond());
        }
        io.temporal.worker.Worker worker = factory.newWorker(settings.queue(), options.build());
        worker.registerWorkflowImplementationTypes(WarmupWorkflowImpl.class);
        worker.registerActivitiesImplementations(new WarmupCallsImpl(workers, tasks, log));
        factory.start();
        synchronized (factories) {
            factories.add(factory);
        }
    }

    @Override
    public void close() {
        synchronized (factories) {
            factories.forEach(WorkerFactory::shutdownNow);
        }
        stubs.shutdownNow();
    }
}
