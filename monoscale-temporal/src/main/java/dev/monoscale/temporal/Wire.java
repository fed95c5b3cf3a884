package dev.monoscale.temporal;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.execution.PlannedRun;
import dev.monoscale.execution.TaskNotes;
import java.time.Duration;
import java.util.List;

/**
 * What crosses the Temporal server, as plain records its JSON converter writes and reads exactly (strings, longs,
 * and doubles, which Jackson prints in their shortest exact form): a batch of runs for the workflow, one call for an
 * activity, and what came back.
 */
public final class Wire {

    private Wire() {}

    /** A batch of runs, and how long one call may take before it is given to another worker. */
    public record Batch(List<Run> runs, long callTimeoutMillis) {}

    /** One run: its task, the world's note on it ({@link dev.monoscale.execution.TaskNotes}), its sample, and the
     * planned steps in order. */
    public record Run(String task, String note, int sample, List<Step> steps) {}

    /** One planned step: the worker, the text, and the earlier steps (by index) whose outputs it reads. */
    public record Step(int index, String text, List<Integer> inputs, String worker) {}

    /** One call, as an activity's argument. */
    public record Call(
            String worker, String task, String note, int step, String text, List<Input> inputs, int sample) {}

    /** An earlier step's output handed to the call. */
    public record Input(int step, String producer, String content, String format) {}

    /**
     * A worker's reply: an answer ({@code kind} empty, {@code text} the content) or a failure ({@code kind} a
     * {@link FailureKind}, {@code text} the message).
     */
    public record Reply(String kind, String text, String format, long latencyNanos, double cost) {

        boolean answered() {
            return kind.isEmpty();
        }
    }

    /** The replies of every run of a batch, each run's in step order, ending at its first failed step. */
    public record Result(List<List<Reply>> runs) {}

    static Run run(PlannedRun run, TaskNotes notes) {
        List<Step> steps = run.plan().steps().stream().map(Wire::step).toList();
        return new Run(run.task().id().value(), notes.note(run.task()), run.sample(), steps);
    }

    private static Step step(StepDecision decision) {
        return new Step(
                decision.step().index(),
                decision.step().text(),
                decision.step().inputs(),
                decision.worker().value());
    }

    static WorkerCall call(Call call) {
        List<StepOutput> inputs = call.inputs().stream()
                .map(in -> new StepOutput(in.step(), AgentId.of(in.producer()), in.content(), in.format()))
                .toList();
        return new WorkerCall(TaskId.of(call.task()), call.step(), call.text(), inputs, call.sample());
    }

    static Reply reply(WorkerReply reply) {
        return switch (reply) {
            case WorkerReply.Answered a ->
                new Reply("", a.content(), a.format(), a.latency().toNanos(), a.cost());
            case WorkerReply.Failed f ->
                new Reply(f.kind().name(), f.message(), "", f.latency().toNanos(), f.cost());
        };
    }

    static WorkerReply reply(Reply reply) {
        Duration latency = Duration.ofNanos(reply.latencyNanos());
        return reply.answered()
                ? new WorkerReply.Answered(reply.text(), reply.format(), latency, reply.cost())
                : new WorkerReply.Failed(FailureKind.valueOf(reply.kind()), reply.text(), latency, reply.cost());
    }
}
