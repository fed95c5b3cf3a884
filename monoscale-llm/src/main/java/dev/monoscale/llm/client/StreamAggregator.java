package dev.monoscale.llm.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Gathers a server-sent-events answer into one completion: {@code data:} lines up to a blank line are one event,
 * events are demultiplexed into choices by index with their log-probabilities, and each piece is passed on as it
 * arrives. An {@code error} event inside the stream is a {@link ModelException.Kind#STREAM_ERROR}, never an empty
 * answer; a stream that ends without a single event is a {@link ModelException.Kind#MALFORMED_RESPONSE}.
 */
final class StreamAggregator {

    private final String endpoint;
    private final Failures failures;

    StreamAggregator(String endpoint, Failures failures) {
        this.endpoint = endpoint;
        this.failures = failures;
    }

    ChatCompletion aggregate(ChatRequest request, Iterator<String> lines, Consumer<StreamDelta> onDelta) {
        Answer answer = new Answer();
        StringBuilder data = new StringBuilder();
        boolean done = false;
        while (!done) {
            boolean more = lines.hasNext();
            String line = more ? lines.next() : "";
            if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                continue;
            }
            if (!line.isEmpty() || data.isEmpty()) {
                if (!more) {
                    break;
                }
                continue;
            }
            String payload = data.toString();
            data.setLength(0);
            if (payload.strip().equals("[DONE]")) {
                done = true;
                continue;
            }
            answer.add(event(payload), onDelta);
            if (!more) {
                break;
            }
        }
        if (!done && answer.text.isEmpty()) {
            throw new ModelException(
                    ModelException.Kind.MALFORMED_RESPONSE,
                    endpoint,
                    200,
                    null,
                    "the stream for model '%s' ended without an event".formatted(request.model()),
                    null,
                    null);
        }
        return answer.completion();
    }

    private JsonNode event(String payload) {
        JsonNode event;
        try {
            event = CompletionJson.JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new ModelException(
                    ModelException.Kind.MALFORMED_RESPONSE,
                    endpoint,
                    200,
                    null,
                    "a stream event is not JSON: '%s'".formatted(Failures.preview(payload)),
                    null,
                    e);
        }
        if (event.has("error")) {
            throw failures.streamError(event);
        }
        return event;
    }

    /** The answer so far, choice by choice. */
    private static final class Answer {
        final Map<Integer, StringBuilder> text = new TreeMap<>();
        final Map<Integer, List<ChatCompletion.TokenLogprob>> logprobs = new TreeMap<>();
        final Map<Integer, String> finish = new TreeMap<>();

        @Nullable
        String id;

        @Nullable
        String model;

        Optional<ChatCompletion.Usage> usage = Optional.empty();

        void add(JsonNode event, Consumer<StreamDelta> onDelta) {
            if (id == null) {
                id = CompletionJson.text(event.path("id"));
            }
            if (model == null) {
                model = CompletionJson.text(event.path("model"));
            }
            if (event.path("usage").isObject()) {
                usage = CompletionJson.usage(event.path("usage"));
            }
            for (JsonNode choice : event.path("choices")) {
                int index = choice.path("index").asInt(0);
                String piece = choice.path("delta").path("content").asText("");
                List<ChatCompletion.TokenLogprob> tokens = CompletionJson.tokenLogprobs(choice.path("logprobs"));
                String reason = CompletionJson.text(choice.path("finish_reason"));
                text.computeIfAbsent(index, k -> new StringBuilder()).append(piece);
                logprobs.computeIfAbsent(index, k -> new ArrayList<>()).addAll(tokens);
                if (reason != null) {
                    finish.put(index, reason);
                }
                onDelta.accept(new StreamDelta(index, piece, tokens, reason));
            }
        }

        ChatCompletion completion() {
            List<ChatCompletion.Choice> choices = new ArrayList<>();
            text.forEach((index, content) -> choices.add(new ChatCompletion.Choice(
                    index, content.toString(), finish.get(index), logprobs.getOrDefault(index, List.of()))));
            return new ChatCompletion(id, model, choices, usage);
        }
    }
}
