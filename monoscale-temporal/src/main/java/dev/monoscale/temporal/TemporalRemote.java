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

    /**
     * The submitting process runs the warm-up workflow's code itself (a workflow-only worker on the settings' queue,
     * started here), so a {@code worker} process, which makes calls only, never holds a workflow task when it dies.
     * Temporal's test server was seen to leave a workflow task held by a killed process un-timed-out for good; a
     * real server times it out, but the calls are where the work and the crashes are.
     */
    @Override
    public PlanExecution execution(Checker checker, TaskNotes tasks, Consumer<String> notes) {
        // no workflow cache, so no sticky queue: each workflow task replays the (short) history
        WorkerFactory factory = WorkerFactory.newInstance(
                client,
                WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build());
        // the workflow's code is light, but its first task in a cold JVM on a busy machine decodes the whole batch:
        // the default deadlock detection (1 s) failed that task once in a test, so allow more
        WorkerOptions options = WorkerOptions.newBuilder()
                .setDefaultDeadlockDetectionTimeout(30_000)
                .build();
        factory.newWorker(settings.queue(), options).registerWorkflowImplementationTypes(WarmupWorkflowImpl.class);
        factory.start();
        synchronized (factories) {
            factories.add(factory);
        }
        return new TemporalExecution(client, settings, checker, tasks, notes);
    }

    /** Registers the call activity on the settings' queue and starts polling: any worker process makes any call. */
    @Override
    public void serve(Function<AgentId, Worker> workers, TaskNotes tasks, Consumer<String> log) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        WorkerOptions.Builder options = WorkerOptions.newBuilder();
        if (settings.callsPerSecond() > 0) {
            options.setMaxWorkerActivitiesPerSecond(settings.callsPerSecond());
        }
        io.temporal.worker.Worker worker = factory.newWorker(settings.queue(), options.build());
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
