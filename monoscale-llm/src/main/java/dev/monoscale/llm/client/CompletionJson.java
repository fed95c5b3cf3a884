package dev.monoscale.llm.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON of an answer: a whole chat completion, and the pieces a stream event shares with it (ids, usage,
 * log-probabilities). A body that is not a completion is a {@link ModelException.Kind#MALFORMED_RESPONSE}; a 200
 * whose body is an error is classified as the error it is.
 */
final class CompletionJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final Failures failures;

    CompletionJson(String endpoint, Failures failures) {
        this.endpoint = endpoint;
        this.failures = failures;
    }

    /** The completion in a non-streamed answer's {@code body}. */
    ChatCompletion parse(ChatRequest request, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ModelException(
                    ModelException.Kind.MALFORMED_RESPONSE,
                    endpoint,
                    200,
                    null,
                    "the body is not JSON (%s): '%s'".formatted(e.getOriginalMessage(), Failures.preview(body)),
                    null,
                    e);
        }
        if (root == null || !root.path("choices").isArray()) {
            if (root != null && root.has("error")) {
                throw failures.error(request, 200, Failures.NO_HEADERS, body);
            }
            throw new ModelException(
                    ModelException.Kind.MALFORMED_RESPONSE,
                    endpoint,
                    200,
                    null,
                    "the body has no 'choices' array: '%s'".formatted(Failures.preview(body)),
                    null,
                    null);
        }
        List<ChatCompletion.Choice> choices = new ArrayList<>();
        int i = 0;
        for (JsonNode choice : root.path("choices")) {
            JsonNode message = choice.path("message");
            JsonNode content = message.path("content");
            choices.add(new ChatCompletion.Choice(
                    choice.path("index").asInt(i),
                    content.isTextual() ? content.asText() : "",
                    text(choice.path("finish_reason")),
                    tokenLogprobs(choice.path("logprobs")),
                    toolCalls(message.path("tool_calls"))));
            i++;
        }
        return new ChatCompletion(text(root.path("id")), text(root.path("model")), choices, usage(root.path("usage")));
    }

    static @Nullable String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    static Optional<ChatCompletion.Usage> usage(JsonNode node) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new ChatCompletion.Usage(
                node.path("prompt_tokens").asInt(),
                node.path("completion_tokens").asInt(),
                node.path("total_tokens").asInt()));
    }

    /** The per-token log-probabilities of {@code choices[i].logprobs}; vLLM writes -inf as -9999. */
    static List<ChatCompletion.TokenLogprob> tokenLogprobs(JsonNode logprobs) {
        List<ChatCompletion.TokenLogprob> out = new ArrayList<>();
        for (JsonNode token : logprobs.path("content")) {
            List<ChatCompletion.Alternative> top = new ArrayList<>();
            for (JsonNode alternative : token.path("top_logprobs")) {
                top.add(new ChatCompletion.Alternative(
                        alternative.path("token").asText(""), logprob(alternative.path("logprob"))));
            }
            out.add(new ChatCompletion.TokenLogprob(
                    token.path("token").asText(""), logprob(token.path("logprob")), top));
        }
        return out;
    }

    private static double logprob(JsonNode node) {
        double value = node.isNumber() ? node.asDouble() : Double.NEGATIVE_INFINITY;
        return value <= -9999 ? Double.NEGATIVE_INFINITY : Math.min(0, value);
    }

    /** The {@code tool_calls} of an answer's message; arguments sent as an object are written back as JSON text. */
    static List<ToolCall> toolCalls(JsonNode calls) {
        List<ToolCall> out = new ArrayList<>();
        int i = 0;
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            String id = call.path("id").isTextual() ? call.path("id").asText() : "call_" + i;
            out.add(new ToolCall(
                    id,
                    function.path("name").asText(""),
                    arguments.isTextual()
                            ? arguments.asText()
                            : arguments.isMissingNode() || arguments.isNull() ? "{}" : arguments.toString()));
            i++;
        }
        return out;
    }
}
