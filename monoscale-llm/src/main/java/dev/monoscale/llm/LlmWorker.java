package dev.monoscale.llm;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.llm.client.ChatMessage;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.llm.client.ModelException;
import dev.monoscale.stats.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A worker that is a model behind an OpenAI-compatible endpoint with its own system prompt: the live world's
 * worker. The step's inputs are given to it as the outputs of earlier steps. A model failure is a
 * {@link WorkerReply.Failed}, never an exception: an unreachable endpoint, an open breaker or a rate limit is
 * {@code UNAVAILABLE} (a caller may try again later), a timeout {@code TIMEOUT}, a refused or too-long prompt or a
 * refused key {@code REJECTED}, and an exhausted quota or a server or protocol error (which the client has already
 * retried where that could help) {@code ERROR}; callers such as the resilience wrapper retry neither. Thread-safe.
 *
 * @param temperature in [0, 2]; each call's seed derives from {@code seed}, the task and the sample
 */
public record LlmWorker(AgentId id, ChatModel model, String modelName, String systemPrompt, double temperature, long seed, LongSupplier nanoTime)
        implements Worker {

    public static LlmWorker of(AgentId id, ChatModel model, String modelName, String systemPrompt) {
        return new LlmWorker(id, model, modelName, systemPrompt, 0, 1, System::nanoTime);
    }

    @Override
    public WorkerReply call(WorkerCall call) {
        List<ChatMessage> messages = new ArrayList<>();
        if (!systemPrompt.isBlank()) {
            messages.add(ChatMessage.system(systemPrompt));
        }
        StringBuilder user = new StringBuilder();
        for (StepOutput input : call.inputs()) {
            user.append("Output of step ").append(input.step() + 1).append(" (").append(input.producer()).append("):\n")
                    .append(input.content().strip()).append("\n\n");
        }
        user.append(call.text());
        messages.add(ChatMessage.user(user.toString()));
        ChatRequest request = ChatRequest.of(modelName, messages).withTemperature(temperature)
                .withSeed(Seeds.mix(seed, call.task().value(), call.step(), call.sample()));
        long start = nanoTime.getAsLong();
        try {
            String answer = model.complete(request).text();
            return new WorkerReply.Answered(answer, "text/plain", Duration.ofNanos(nanoTime.getAsLong() - start), 0);
        } catch (ModelException e) {
            return new WorkerReply.Failed(kind(e), Objects.requireNonNullElse(e.getMessage(), e.toString()),
                    Duration.ofNanos(nanoTime.getAsLong() - start), 0);
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
