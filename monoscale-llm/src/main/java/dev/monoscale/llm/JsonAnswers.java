package dev.monoscale.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.llm.client.ChatMessage;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Reads the JSON object a model was asked for out of its answer, tolerating code fences and words around it. */
final class JsonAnswers {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswers() {}

    /** The first JSON object in {@code answer}; empty when there is none or it is malformed or truncated. */
    static Optional<JsonNode> object(String answer) {
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(answer.substring(start, end + 1));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * What {@code read} makes of the model's answer to {@code request}; when it makes nothing, the request is asked
     * once more with the answer and {@code correction} appended. {@code missed} hears each unusable answer with its
     * attempt number (1 or 2).
     */
    static <T> Optional<T> askTwice(
            ChatModel model,
            ChatRequest request,
            Function<String, Optional<T>> read,
            String correction,
            BiConsumer<Integer, String> missed) {
        String first = model.complete(request).text();
        Optional<T> value = read.apply(first);
        if (value.isPresent()) {
            return value;
        }
        missed.accept(1, first);
        List<ChatMessage> again = new ArrayList<>(request.messages());
        again.add(ChatMessage.assistant(first));
        again.add(ChatMessage.user(correction));
        String second = model.complete(request.withMessages(List.copyOf(again))).text();
        value = read.apply(second);
        if (value.isEmpty()) {
            missed.accept(2, second);
        }
        return value;
    }

    static JsonNode schema(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a packaged JSON schema is malformed: " + e.getOriginalMessage(), e);
        }
    }
}
