package dev.monoscale.llm;

import dev.monoscale.llm.client.ChatCompletion;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A chat model that serves scripted answers in order, records every request, and fails loudly when the script
 * runs out. A step of the script may look at the request (to answer per prompt) or throw.
 */
final class ScriptedModel implements ChatModel {

    private final Deque<Function<ChatRequest, ChatCompletion>> script = new ArrayDeque<>();
    final List<ChatRequest> requests = new ArrayList<>();

    ScriptedModel then(Function<ChatRequest, ChatCompletion> step) {
        script.add(step);
        return this;
    }

    ScriptedModel thenText(String... texts) {
        return then(request -> text(texts));
    }

    @Override
    public String describe() {
        return "scripted";
    }

    @Override
    public synchronized ChatCompletion complete(ChatRequest request) {
        requests.add(request);
        if (script.isEmpty()) {
            throw new AssertionError("the script ran out at request " + requests.size() + ": "
                    + request.messages().getLast().content());
        }
        return script.poll().apply(request);
    }

    /** One choice per text, no log-probabilities. */
    static ChatCompletion text(String... texts) {
        List<ChatCompletion.Choice> choices = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            choices.add(new ChatCompletion.Choice(i, texts[i], "stop", List.of()));
        }
        return new ChatCompletion("scripted", "scripted", choices, java.util.Optional.empty());
    }

    /** A one-token answer {@code chosen} with the listed alternatives' probabilities. */
    static ChatCompletion logprobs(String chosen, Map<String, Double> top) {
        List<ChatCompletion.Alternative> alternatives = top.entrySet().stream()
                .map(e -> new ChatCompletion.Alternative(e.getKey(), Math.log(e.getValue())))
                .toList();
        double lp = Math.log(top.getOrDefault(chosen, 0.01));
        return new ChatCompletion(
                "scripted",
                "scripted",
                List.of(new ChatCompletion.Choice(
                        0, chosen, "stop", List.of(new ChatCompletion.TokenLogprob(chosen, lp, alternatives)))),
                java.util.Optional.empty());
    }

    static Map<String, Double> p(Object... labelsAndProbabilities) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < labelsAndProbabilities.length; i += 2) {
            out.put((String) labelsAndProbabilities[i], ((Number) labelsAndProbabilities[i + 1]).doubleValue());
        }
        return out;
    }
}
