package dev.monoscale.llm.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One chat-completions request. Absent optional fields are not sent, so servers apply their own defaults.
 *
 * @param temperature in [0, 2]
 * @param maxTokens the most tokens to generate; sent as {@code max_tokens}, the field every server reads
 * @param topLogprobs alternatives per generated token, in [0, 20]; only sent with {@code logprobs}
 * @param n choices to generate, in [1, 128]; sent only when above 1
 * @param schema a JSON schema the answer must follow ({@code response_format: json_schema}); the
 *     {@code name} is required by OpenAI
 * @param extra server-specific top-level fields passed through as they are (vLLM's {@code structured_outputs},
 *     llama.cpp's {@code grammar}, {@code chat_template_kwargs}…); send them only to the server that knows them,
 *     since OpenAI refuses unknown fields
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        @Nullable Double temperature,
        @Nullable Integer maxTokens,
        @Nullable Long seed,
        boolean logprobs,
        @Nullable Integer topLogprobs,
        int n,
        @Nullable Schema schema,
        Map<String, Object> extra) {

    /** A named JSON schema for structured output. */
    public record Schema(String name, JsonNode schema) {}

    public ChatRequest {
        messages = List.copyOf(messages);
        // sorted, so that the same request is the same bytes on the wire in every run
        extra = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(extra));
        if (model.isBlank()) {
            throw new IllegalArgumentException("a chat request needs a model name");
        }
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
        }
        if (topLogprobs != null && (topLogprobs < 0 || topLogprobs > 20)) {
            throw new IllegalArgumentException("top_logprobs must be in [0, 20], was " + topLogprobs);
        }
        if (n < 1 || n > 128) {
            throw new IllegalArgumentException("n must be in [1, 128], was " + n);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be >= 1, was " + maxTokens);
        }
    }

    /** A request with only the model and messages set. */
    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, null, null, null, false, null, 1, null, Map.of());
    }

    public ChatRequest withTemperature(double value) {
        return new ChatRequest(model, messages, value, maxTokens, seed, logprobs, topLogprobs, n, schema, extra);
    }

    public ChatRequest withMaxTokens(int value) {
        return new ChatRequest(model, messages, temperature, value, seed, logprobs, topLogprobs, n, schema, extra);
    }

    public ChatRequest withSeed(long value) {
        return new ChatRequest(model, messages, temperature, maxTokens, value, logprobs, topLogprobs, n, schema, extra);
    }

    /** Asks for log-probabilities of each generated token with {@code top} alternatives. */
    public ChatRequest withLogprobs(int top) {
        return new ChatRequest(model, messages, temperature, maxTokens, seed, true, top, n, schema, extra);
    }

    public ChatRequest withoutLogprobs() {
        return new ChatRequest(model, messages, temperature, maxTokens, seed, false, null, n, schema, extra);
    }

    public ChatRequest withN(int value) {
        return new ChatRequest(model, messages, temperature, maxTokens, seed, logprobs, topLogprobs, value, schema, extra);
    }

    public ChatRequest withSchema(String name, JsonNode value) {
        return new ChatRequest(model, messages, temperature, maxTokens, seed, logprobs, topLogprobs, n, new Schema(name, value), extra);
    }

    /** This request with {@code more} fields added to the extra ones (later keys win). */
    public ChatRequest withExtra(Map<String, Object> more) {
        Map<String, Object> all = new LinkedHashMap<>(extra);
        all.putAll(more);
        return new ChatRequest(model, messages, temperature, maxTokens, seed, logprobs, topLogprobs, n, schema, all);
    }

    public ChatRequest withMessages(List<ChatMessage> value) {
        return new ChatRequest(model, value, temperature, maxTokens, seed, logprobs, topLogprobs, n, schema, extra);
    }
}
