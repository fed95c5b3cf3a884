package dev.monoscale.llm.client;

import java.util.function.Consumer;

/**
 * A chat model behind an OpenAI-compatible endpoint: the one port the router, synthesizer, distiller, judge and
 * LLM workers call. A call either returns a completion or throws a {@link ModelException} whose kind says what
 * went wrong; retries and the circuit breaker happen inside. Implementations are thread-safe.
 */
public interface ChatModel {

    /** Where the model lives, for messages, such as {@code http://127.0.0.1:8000/v1 (model qwen3-8b)}. */
    String describe();

    ChatCompletion complete(ChatRequest request);

    /**
     * The same call streamed: {@code onDelta} sees text as it arrives, and the aggregated completion is returned at
     * the end. An error reported inside the stream is thrown, never returned as an empty answer.
     */
    default ChatCompletion stream(ChatRequest request, Consumer<StreamDelta> onDelta) {
        ChatCompletion completion = complete(request);
        for (ChatCompletion.Choice choice : completion.choices()) {
            onDelta.accept(new StreamDelta(choice.index(), choice.text(), choice.logprobs(), choice.finishReason()));
        }
        return completion;
    }
}
