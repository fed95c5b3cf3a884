package dev.monoscale.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.Checker;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Verdict;
import dev.monoscale.llm.client.ChatMessage;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.stats.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A checker for free-form answers: a model compares the answer with the task's reference answer
 * ({@code judge/verdict}) and replies with schema-constrained JSON. No answer, or a task without a reference,
 * fails without a call. A verdict that is not the asked-for JSON is asked for again once, then counts as a fail
 * whose reason says so. The verdict's reason names the prompt version. Thread-safe.
 */
public final class LlmJudge implements Checker {

    private static final JsonNode SCHEMA = JsonAnswers.schema("""
            {"type":"object","properties":{"verdict":{"type":"string","enum":["pass","fail"]},"reason":{"type":"string"}},
             "required":["verdict","reason"],"additionalProperties":false}""");

    private final ChatModel model;
    private final String modelName;
    private final Function<TaskId, Optional<String>> references;
    private final long seed;
    private final PromptTemplate prompt = PromptTemplate.load("judge/verdict");

    public LlmJudge(ChatModel model, String modelName, Function<TaskId, Optional<String>> references, long seed) {
        this.model = model;
        this.modelName = modelName;
        this.references = references;
        this.seed = seed;
    }

    @Override
    public Verdict check(Task task, Optional<String> answer) {
        if (answer.isEmpty() || answer.get().isBlank()) {
            return Verdict.fail("no answer");
        }
        Optional<String> reference = references.apply(task.id());
        if (reference.isEmpty()) {
            return Verdict.fail("no reference answer for task '%s'".formatted(task.id()));
        }
        List<ChatMessage> messages = new ArrayList<>(prompt.render(Map.of("task", task.text(), "reference", reference.get(), "answer", answer.get())));
        ChatRequest request = ChatRequest.of(modelName, messages).withTemperature(0).withSeed(Seeds.mix(seed, task.id().value()))
                .withSchema("verdict", SCHEMA);
        for (int attempt = 0; attempt < 2; attempt++) {
            String said = model.complete(request).text();
            Optional<JsonNode> json = JsonAnswers.object(said);
            String verdict = json.map(j -> j.path("verdict").asText("")).orElse("");
            if (verdict.equals("pass") || verdict.equals("fail")) {
                String reason = "%s (%s)".formatted(json.get().path("reason").asText("").strip(), prompt.ref());
                return verdict.equals("pass") ? Verdict.pass(reason) : Verdict.fail(reason);
            }
            messages.add(ChatMessage.assistant(said));
            messages.add(ChatMessage.user("Reply with JSON only: {\"verdict\":\"pass\" or \"fail\",\"reason\":\"...\"}"));
            request = request.withMessages(List.copyOf(messages));
        }
        return Verdict.fail("the judge gave no verdict twice (%s)".formatted(prompt.ref()));
    }
}
