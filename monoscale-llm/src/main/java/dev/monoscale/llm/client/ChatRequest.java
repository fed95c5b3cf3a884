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
 * @param tools functions the model may call; none sent when empty
 * @param toolChoice {@code auto}, {@code required} or {@code none}; only sent with tools, the server's default when null
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
        Map<String, Object> extra,
        List<ToolDefinition> tools,
        @Nullable String toolChoice) {

    /** A named JSON schema for structured output. */
    public record Schema(String name, JsonNode schema) {}

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        if (toolChoice != null && !toolChoice.matches("auto|required|none")) {
            throw new IllegalArgumentException("tool_choice must be auto, required or none, was '" + toolChoice + "'");
        }
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

    /** A request without tools. */
    public ChatRequest(
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
        this(model, messages, temperature, maxTokens, seed, logprobs, topLogprobs, n, schema, extra, List.of(), null);
    }

    /** A request with only the model and messages set. */
    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, null, null, null, false, null, 1, null, Map.of());
    }

    public ChatRequest withTemperature(double value) {
        return new ChatRequest(
                model, messages, value, maxTokens, seed, logprobs, topLogprobs, n, schema, extra, tools, toolChoice);
    }

    public ChatRequest withMaxTokens(int value) {
        return new ChatRequest(
                model, messages, temperature, value, seed, logprobs, topLogprobs, n, schema, extra, tools, toolChoice);
    }

    public ChatRequest withSeed(long value) {
        return new ChatRequest(
                model,
                messages,
                temperature,
                maxTokens,
                value,
                logprobs,
                topLogprobs,
                n,
                schema,
                extra,
                tools,
                toolChoice);
    }

    /** Asks for log-probabilities of each generated token with {@code top} alternatives. */
    public ChatRequest withLogprobs(int top) {
        return new ChatRequest(
                model, messages, temperature, maxTokens, seed, true, top, n, schema, extra, tools, toolChoice);
    }

    public ChatRequest withoutLogprobs() {
        return new ChatRequest(
                model, messages, temperature, maxTokens, seed, false, null, n, schema, extra, tools, toolChoice);
    }

    public ChatRequest withN(int value) {
        return new ChatRequest(
                model,
                messages,
                temperature,
                maxTokens,
                seed,
                logprobs,
                topLogprobs,
                value,
                schema,
                extra,
                tools,
                toolChoice);
    }

    public ChatRequest withSchema(String name, JsonNode value) {
        return new ChatRequest(
                model,
                messages,
                temperature,
                maxTokens,
                seed,
                logprobs,
                topLogprobs,
                n,
                new Schema(name, value),
                extra,
                tools,
                toolChoice);
    }

    /** This request with {@code more} fields added to the extra ones (later keys win). */
    public ChatRequest withExtra(Map<String, Object> more) {
        Map<String, Object> all = new LinkedHashMap<>(extra);
        all.putAll(more);
        return new ChatRequest(
                model,
                messages,
                temperature,
                maxTokens,
                seed,
                logprobs,
                topLogprobs,
                n,
                schema,
                all,
                tools,
                toolChoice);
    }

    /** This request offering {@code value} to the model, with {@code choice} ({@code auto}, {@code required}, {@code none}). */
    public ChatRequest withTools(List<ToolDefinition> value, String choice) {
        return new ChatRequest(
                model, messages, temperature, maxTokens, seed, logprobs, topLogprobs, n, schema, extra, value, choice);
    }

    public ChatRequest withMessages(List<ChatMessage> value) {
        return new ChatRequest(
                model, value, temperature, maxTokens, seed, logprobs, topLogprobs, n, schema, extra, tools, toolChoice);
    }
}
