package dev.monoscale.temporal;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warm-up workflow, in waves: wave k makes step k of every run still going, all at once, and waits for them; a
 * run stops at its first failed step, as {@link dev.monoscale.execution.PlanRunner} does. A step reads only its own
 * run's earlier outputs, so a wave holds every call that can be made. The code is deterministic (no clock, no
 * randomness, no threads of its own: the plans were drawn from the round's seed before the workflow started), so a
 * worker that picks the workflow up after another died replays it from the history to the same point, and a call
 * whose completion is in the history is never made again.
 *
 * <p>A call that a worker does not finish within the batch's call timeout (the worker died, or hangs) is retried
 * on another, without a limit on attempts: the round waits for a worker to come back. A worker's own faults are
 * replies, never activity failures, so they are not retried here (the worker process's resilience layer decides).
 */
public final class WarmupWorkflowImpl implements WarmupWorkflow {

    @Override
    public Wire.Result run(Wire.Batch batch) {
        WarmupCalls calls = Workflow.newActivityStub(
                WarmupCalls.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMillis(batch.callTimeoutMillis()))
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofSeconds(1))
                                .setMaximumInterval(Duration.ofSeconds(30))
                                .build())
                        .build());
        List<Wire.Run> runs = batch.runs();
        List<List<Wire.Reply>> replies = new ArrayList<>(runs.size());
        List<Integer> going = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            replies.add(new ArrayList<>());
            if (!runs.get(i).steps().isEmpty()) {
                going.add(i);
            }
        }
        while (!going.isEmpty()) {
            Map<Integer, Promise<Wire.Reply>> wave = new LinkedHashMap<>();
            for (int i : going) {
                Wire.Run run = runs.get(i);
                List<Wire.Reply> done = replies.get(i);
                Wire.Step step = run.steps().get(done.size());
                List<Wire.Input> inputs = step.inputs().stream()
                        .map(k -> {
                            Wire.Reply earlier = done.get(k);
                            return new Wire.Input(
                                    run.steps().get(k).index(),
                                    run.steps().get(k).worker(),
                                    earlier.text(),
                                    earlier.format());
                        })
                        .toList();
                Wire.Call call = new Wire.Call(
                        step.worker(), run.task(), run.note(), step.index(), step.text(), inputs, run.sample());
                wave.put(i, Async.function(calls::call, call));
            }
            Promise.allOf(wave.values()).get();
            List<Integer> next = new ArrayList<>();
            wave.forEach((i, reply) -> {
                Wire.Reply r = reply.get();
                replies.get(i).add(r);
                if (r.answered() && replies.get(i).size() < runs.get(i).steps().size()) {
                    next.add(i);
                }
            });
            going = next;
        }
        return new Wire.Result(replies);
    }
}
