package dev.monoscale.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.Checker;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Verdict;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.stats.Seeds;
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

    private static final PromptTemplate PROMPT = PromptTemplate.load("judge/verdict");

    private final ChatModel model;
    private final String modelName;
    private final Function<TaskId, Optional<String>> references;
    private final long seed;

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
        ChatRequest request = ChatRequest.of(
                        modelName,
                        PROMPT.render(
                                Map.of("task", task.text(), "reference", reference.get(), "answer", answer.get())))
                .withTemperature(0)
                .withSeed(Seeds.mix(seed, task.id().value()))
                .withSchema("verdict", SCHEMA);
        Optional<Verdict> verdict = JsonAnswers.askTwice(
                model,
                request,
                said -> JsonAnswers.object(said).flatMap(json -> {
                    String reason =
                            "%s (%s)".formatted(json.path("reason").asText("").strip(), PROMPT.ref());
                    return switch (json.path("verdict").asText("")) {
                        case "pass" -> Optional.of(Verdict.pass(reason));
                        case "fail" -> Optional.of(Verdict.fail(reason));
                        default -> Optional.empty();
                    };
                }),
                "Reply with JSON only: {\"verdict\":\"pass\" or \"fail\",\"reason\":\"...\"}",
                (attempt, said) -> {});
        if (verdict.isPresent()) {
            return verdict.get();
        }
        return Verdict.fail("the judge gave no verdict twice (%s)".formatted(PROMPT.ref()));
    }
}
