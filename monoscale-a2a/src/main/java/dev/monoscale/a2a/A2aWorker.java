package dev.monoscale.a2a;

import dev.monoscale.cards.Values;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A pool worker that is a remote A2A agent. A call sends the step's text (and the outputs of the steps it reads)
 * as one user message, and returns the agent's answer: a message's text, or a completed task's artifacts. A task
 * that is not done yet is polled until it settles or the task deadline passes.
 *
 * <p>Faults are replies, never exceptions: a failed or canceled task is an {@link FailureKind#ERROR}, a rejected
 * one or one that needs input or authentication a {@link FailureKind#REJECTED}, a call past the deadline a
 * {@link FailureKind#TIMEOUT}, an unreachable agent {@link FailureKind#UNAVAILABLE}. Retries and the circuit
 * breaker are not here: wrap the worker with {@code ResilientWorkers}.
 */
public final class A2aWorker implements Worker {

    private final AgentId id;
    private final A2aClient client;
    private final A2aClientConfig config;
    private final String missingCredential;

    /**
     * @param missingCredential why the call cannot be made (the card asks for a credential that the configuration
     *     does not provide), or empty
     */
    A2aWorker(AgentId id, A2aClient client, A2aClientConfig config, String missingCredential) {
        this.id = id;
        this.client = client;
        this.config = config;
        this.missingCredential = missingCredential;
    }

    @Override
    public AgentId id() {
        return id;
    }

    @Override
    public WorkerReply call(WorkerCall call) {
        Instant start = config.clock().instant();
        if (!missingCredential.isEmpty()) {
            return new WorkerReply.Failed(FailureKind.REJECTED, missingCredential, Duration.ZERO, 0);
        }
        Instant deadline = start.plus(config.taskDeadline());
        try {
            A2aOutcome outcome = client.send(message(call), config.blocking(), timeout(deadline));
            while (outcome instanceof A2aOutcome.Task task && !task.state().settled()) {
                if (!config.clock().instant().plus(config.pollInterval()).isBefore(deadline)) {
                    return new WorkerReply.Failed(
                            FailureKind.TIMEOUT,
                            "task %s of '%s' still %s after %d ms"
                                    .formatted(
                                            task.id(),
                                            id,
                                            task.state(),
                                            config.taskDeadline().toMillis()),
                            since(start),
                            0);
                }
                Thread.sleep(config.pollInterval());
                outcome = client.getTask(task.id(), timeout(deadline));
            }
            return reply(outcome, start);
        } catch (A2aCallException e) {
            return new WorkerReply.Failed(
                    e.kind(), Objects.requireNonNullElse(e.getMessage(), e.toString()), since(start), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WorkerReply.Failed(
                    FailureKind.TIMEOUT, "call to '%s' was interrupted".formatted(id), since(start), 0);
        } catch (RuntimeException e) {
            // a fault is a reply, never an exception; the message is not shown, as it may quote a request header
            return new WorkerReply.Failed(
                    FailureKind.ERROR,
                    "call to '%s' failed: %s".formatted(id, e.getClass().getName()),
                    since(start),
                    0);
        }
    }

    private WorkerReply reply(A2aOutcome outcome, Instant start) {
        return switch (outcome) {
            case A2aOutcome.Message message -> new WorkerReply.Answered(message.text(), "text/plain", since(start), 0);
            case A2aOutcome.Task task ->
                switch (task.state()) {
                    case COMPLETED -> new WorkerReply.Answered(task.text(), "text/plain", since(start), 0);
                    case FAILED, CANCELED ->
                        new WorkerReply.Failed(
                                FailureKind.ERROR,
                                "task %s of '%s' %s: %s"
                                        .formatted(task.id(), id, task.state().v03(), Values.oneLine(task.text())),
                                since(start),
                                0);
                    default ->
                        new WorkerReply.Failed(
                                FailureKind.REJECTED,
                                "task %s of '%s' ended %s: %s"
                                        .formatted(task.id(), id, task.state().v03(), Values.oneLine(task.text())),
                                since(start),
                                0);
                };
        };
    }

    /** The step's text, then each input as {@code [step N]} and its content. */
    static String message(WorkerCall call) {
        StringBuilder text = new StringBuilder(call.text());
        for (StepOutput input : call.inputs()) {
            text.append("\n\n[output of step ")
                    .append(input.step() + 1)
                    .append("]\n")
                    .append(input.content());
        }
        return text.toString();
    }

    private Duration timeout(Instant deadline) throws A2aCallException {
        Duration left = Duration.between(config.clock().instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new A2aCallException(
                    FailureKind.TIMEOUT,
                    "no answer from '%s' within %d ms"
                            .formatted(id, config.taskDeadline().toMillis()));
        }
        return left.compareTo(config.requestTimeout()) < 0 ? left : config.requestTimeout();
    }

    private Duration since(Instant start) {
        return Duration.between(start, config.clock().instant());
    }
}
