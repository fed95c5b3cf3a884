package dev.monoscale.llm;

import dev.monoscale.core.FailureKind;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.llm.client.ChatMessage;
import dev.monoscale.llm.client.ModelException;
import dev.monoscale.stats.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What every worker that is a model does the same way: the conversation it opens with (its system prompt, then
 * one user message with the outputs of earlier steps and the step's text), the seed of a call, and how a model
 * failure becomes a {@link WorkerReply.Failed} with the time the call took.
 */
final class ModelTurns {

    /** The turns of one call: a reply, or a {@link ModelException} that {@link #run} turns into a failed one. */
    @FunctionalInterface
    interface Turns {
        /** @param elapsed the time since the call started */
        WorkerReply run(Supplier<Duration> elapsed);
    }

    private ModelTurns() {}

    /** The opening messages of {@code call}, in a list the caller may add turns to. */
    static List<ChatMessage> opening(String systemPrompt, WorkerCall call) {
        List<ChatMessage> messages = new ArrayList<>();
        if (!systemPrompt.isBlank()) {
            messages.add(ChatMessage.system(systemPrompt));
        }
        StringBuilder user = new StringBuilder();
        for (StepOutput input : call.inputs()) {
            user.append("Output of step ")
                    .append(input.step() + 1)
                    .append(" (")
                    .append(input.producer())
                    .append("):\n")
                    .append(input.content().strip())
                    .append("\n\n");
        }
        messages.add(ChatMessage.user(user.append(call.text()).toString()));
        return messages;
    }

    /** The seed of {@code call}'s requests: derived from the worker's seed, the task, the step and the sample. */
    static long seed(long seed, WorkerCall call) {
        return Seeds.mix(seed, call.task().value(), call.step(), call.sample());
    }

    /** {@code turns}' reply, timed by {@code nanoTime}; a model failure is a failed reply, never an exception. */
    static WorkerReply run(LongSupplier nanoTime, Turns turns) {
        long start = nanoTime.getAsLong();
        Supplier<Duration> elapsed = () -> Duration.ofNanos(nanoTime.getAsLong() - start);
        try {
            return turns.run(elapsed);
        } catch (ModelException e) {
            return new WorkerReply.Failed(
                    kind(e), java.util.Objects.requireNonNullElse(e.getMessage(), e.toString()), elapsed.get(), 0);
        }
    }

    /** The worker fault of a model fault. */
    static FailureKind kind(ModelException e) {
        return switch (e.kind()) {
            case TIMEOUT -> FailureKind.TIMEOUT;
            case UNREACHABLE, CIRCUIT_OPEN, RATE_LIMITED -> FailureKind.UNAVAILABLE;
            // a refused key is refused the way an A2A agent's 401 or 403 is
            case CONTEXT_LENGTH, BAD_REQUEST, NOT_FOUND, UNSUPPORTED, UNAUTHORIZED -> FailureKind.REJECTED;
            // final: a caller that retries unavailable workers must not ask again with the same account
            case QUOTA_EXHAUSTED, SERVER_ERROR, MALFORMED_RESPONSE, STREAM_ERROR -> FailureKind.ERROR;
        };
    }
}
