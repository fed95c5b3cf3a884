package dev.monoscale.llm;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
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
public record LlmWorker(
        AgentId id,
        ChatModel model,
        String modelName,
        String systemPrompt,
        double temperature,
        long seed,
        LongSupplier nanoTime)
        implements Worker {

    public static LlmWorker of(AgentId id, ChatModel model, String modelName, String systemPrompt) {
        return new LlmWorker(id, model, modelName, systemPrompt, 0, 1, System::nanoTime);
    }

    @Override
    public WorkerReply call(WorkerCall call) {
        ChatRequest request = ChatRequest.of(modelName, ModelTurns.opening(systemPrompt, call))
                .withTemperature(temperature)
                .withSeed(ModelTurns.seed(seed, call));
        return ModelTurns.run(
                nanoTime,
                elapsed -> new WorkerReply.Answered(model.complete(request).text(), "text/plain", elapsed.get(), 0));
    }
}
