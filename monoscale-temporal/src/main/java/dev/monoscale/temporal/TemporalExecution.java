package dev.monoscale.temporal;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.Trace;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.execution.PlanExecution;
import dev.monoscale.execution.PlanRunner;
import dev.monoscale.execution.PlannedRun;
import dev.monoscale.execution.TaskNotes;
import dev.monoscale.execution.WarmupEngine;
import dev.monoscale.execution.WarmupExecutor;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A round's batch of runs as one {@link WarmupWorkflow}, started on the server and awaited here; the traces are then
 * built from the replies exactly as {@link PlanRunner} builds them in process (it is given the replies in place of
 * the workers), and judged with this process's checker.
 *
 * <p>The workflow's id is a digest of the batch (the settings' round, the key, and every planned call), so a
 * submitter that died and runs the round again finds the workflow it started, running or finished, and gets the
 * calls already made instead of making them again; two different batches never share an id.
 */
final class TemporalExecution implements PlanExecution {

    private final WorkflowClient client;
    private final WarmupEngine.Settings settings;
    private final Checker checker;
    private final TaskNotes tasks;
    private final Consumer<String> notes;

    TemporalExecution(
            WorkflowClient client,
            WarmupEngine.Settings settings,
            Checker checker,
            TaskNotes tasks,
            Consumer<String> notes) {
        this.client = client;
        this.settings = settings;
        this.checker = checker;
        this.tasks = tasks;
        this.notes = notes;
    }

    @Override
    public List<Trace> run(String key, List<PlannedRun> runs, WarmupExecutor.Progress progress) {
        Wire.Batch batch = new Wire.Batch(
                runs.stream().map(run -> Wire.run(run, tasks)).toList(),
                settings.callTimeout().toMillis());
        String id = "monoscale-warmup-" + digest(key, batch);
        WarmupWorkflow workflow = client.newWorkflowStub(
                WarmupWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(settings.queue())
                        .setWorkflowId(id)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        long calls = runs.stream().mapToLong(run -> run.plan().steps().size()).sum();
        try {
            WorkflowClient.start(workflow::run, batch);
            notes.accept("warm-up on Temporal: workflow %s started, %d runs (at most %d calls) on queue %s at %s"
                    .formatted(id, runs.size(), calls, settings.queue(), settings.target()));
        } catch (WorkflowExecutionAlreadyStarted already) {
            notes.accept("warm-up on Temporal: workflow %s already started; waiting for it".formatted(id));
        }
        Wire.Result result = await(id);
        if (result.runs().size() != runs.size()) {
            throw new IllegalStateException("workflow %s returned %d runs for %d planned"
                    .formatted(id, result.runs().size(), runs.size()));
        }
        List<Trace> traces = new java.util.ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            PlannedRun run = runs.get(i);
            Map<Integer, WorkerReply> byStep = new HashMap<>();
            List<Wire.Reply> replies = result.runs().get(i);
            for (int k = 0; k < replies.size(); k++) {
                byStep.put(run.plan().steps().get(k).step().index(), Wire.reply(replies.get(k)));
            }
            PlanRunner replay =
                    new PlanRunner(id0 -> Worker.of(id0, call -> replied(byStep, call.step(), id0)), checker);
            traces.add(replay.run(run.task(), run.plan(), run.sample()));
            progress.ran(i + 1, runs.size());
        }
        return traces;
    }

    /**
     * The workflow's result, asked for in long polls of at most 20 s each: a poll that misses the completion (the
     * test server has been seen to) is followed by another instead of waiting for ever.
     */
    private Wire.Result await(String id) {
        WorkflowStub stub = client.newUntypedWorkflowStub(id);
        while (true) {
            try {
                return stub.getResult(20, TimeUnit.SECONDS, Wire.Result.class);
            } catch (TimeoutException notYet) {
                // the round is still running (or waiting for a worker to come back): ask again
            }
        }
    }

    private static WorkerReply replied(Map<Integer, WorkerReply> byStep, int step, AgentId worker) {
        WorkerReply reply = byStep.get(step);
        if (reply == null) {
            throw new IllegalStateException(
                    "the workflow made no call for step %d (worker %s)".formatted(step, worker));
        }
        return reply;
    }

    private String digest(String key, Wire.Batch batch) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((settings.round() + "\n" + key + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(DefaultDataConverter.newDefaultInstance()
                    .toPayload(batch)
                    .orElseThrow()
                    .getData()
                    .toByteArray());
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
