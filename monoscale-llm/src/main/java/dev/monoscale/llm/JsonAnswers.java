package dev.monoscale.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

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

    static JsonNode schema(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a packaged JSON schema is malformed: " + e.getOriginalMessage(), e);
        }
    }
}
