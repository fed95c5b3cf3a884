package dev.monoscale.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.stats.Seeds;
import dev.monoscale.synthesis.Intent;
import dev.monoscale.synthesis.IntentKind;
import dev.monoscale.synthesis.WarmupSynthesizer;
import dev.monoscale.synthesis.WarmupTask;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The LLM warm-up synthesizer (DESIGN.md §4.1): three prompts over the cards, never over hidden truth.
 *
 * <ol>
 *   <li><b>Planner</b> ({@code warmup/plan}): intents of the three kinds from the new card and the pool's cards. A
 *       plan that is not the asked-for JSON is asked for once more; after that the card's own skills become
 *       in-scope intents, so a round never stops for want of a plan.
 *   <li><b>Executor</b> ({@code warmup/execute}): each intent becomes steps and a reference answer. Steps form a
 *       chain (each reads the previous one) and the new worker is probed at the last; a handoff needs two steps.
 *       The reference goes to {@link References}, for the judge, never into the task.
 *   <li><b>Validator</b> ({@code warmup/validate}): a task whose probed step repeats an earlier accepted one is
 *       dropped first, without asking; the model must accept the others and their references.
 * </ol>
 * Intents are taken in the planner's order until the budget is met. Every call is seeded from the seed, the new
 * worker and the intent's position; {@link #notes()} keeps what was dropped and why, with prompt versions.
 */
public final class LlmWarmupSynthesizer implements WarmupSynthesizer {

    private static final JsonNode PLAN_SCHEMA = JsonAnswers.schema("""
            {"type":"object","properties":{"intents":{"type":"array","items":{"type":"object","properties":{
              "kind":{"type":"string","enum":["in_scope","boundary","handoff"]},"text":{"type":"string"}},
              "required":["kind","text"],"additionalProperties":false}}},"required":["intents"],"additionalProperties":false}""");
    private static final JsonNode TASK_SCHEMA = JsonAnswers.schema("""
            {"type":"object","properties":{"steps":{"type":"array","items":{"type":"string"}},"reference":{"type":"string"}},
             "required":["steps","reference"],"additionalProperties":false}""");
    private static final JsonNode VALID_SCHEMA = JsonAnswers.schema("""
            {"type":"object","properties":{"valid":{"type":"boolean"},"reason":{"type":"string"}},
             "required":["valid","reason"],"additionalProperties":false}""");

    private static final PromptTemplate PLANNER = PromptTemplate.load("warmup/plan");
    private static final PromptTemplate EXECUTOR = PromptTemplate.load("warmup/execute");
    private static final PromptTemplate VALIDATOR = PromptTemplate.load("warmup/validate");

    private final ChatModel model;
    private final String modelName;
    private final References references;
    private final long seed;
    private final List<String> notes = new CopyOnWriteArrayList<>();

    public LlmWarmupSynthesizer(ChatModel model, String modelName, References references, long seed) {
        this.model = model;
        this.modelName = modelName;
        this.references = references;
        this.seed = seed;
    }

    /** What the synthesizer dropped or replaced, and why, each naming the prompt version. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public List<WarmupTask> synthesize(AgentCard newcomer, Pool pool, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("warm-up budget must be >= 1 task, was " + budget);
        }
        List<Intent> intents = plan(newcomer, pool, budget);
        List<WarmupTask> tasks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String newcomerCard = LlmRouter.cardText(newcomer, 200);
        for (int i = 0; i < intents.size() && tasks.size() < budget; i++) {
            Intent intent = intents.get(i);
            Optional<JsonNode> made = ask(
                    EXECUTOR,
                    Map.of("newcomer", newcomerCard, "kind", kindName(intent.kind()), "intent", intent.text()),
                    TASK_SCHEMA,
                    "task",
                    Seeds.mix(seed, newcomer.id().value(), "execute", i));
            List<String> steps = new ArrayList<>();
            made.ifPresent(json -> json.path("steps").forEach(step -> {
                if (step.isTextual() && !step.asText().isBlank()) {
                    steps.add(step.asText().strip());
                }
            }));
            String reference =
                    made.map(json -> json.path("reference").asText("").strip()).orElse("");
            if (steps.isEmpty() || reference.isEmpty() || (intent.kind() == IntentKind.HANDOFF && steps.size() < 2)) {
                notes.add("%s: intent %d ('%s') gave no usable task"
                        .formatted(EXECUTOR.ref(), i + 1, LlmRouter.preview(intent.text())));
                continue;
            }
            // a repeat is dropped before the validator is asked, which would spend a model call on it
            String probed = steps.getLast().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (seen.contains(probed)) {
                notes.add("intent %d repeats an earlier task's probed step: dropped".formatted(i + 1));
                continue;
            }
            Optional<JsonNode> verdict = ask(
                    VALIDATOR,
                    Map.of("steps", numbered(steps), "reference", reference),
                    VALID_SCHEMA,
                    "validity",
                    Seeds.mix(seed, newcomer.id().value(), "validate", i));
            if (verdict.isEmpty() || !verdict.get().path("valid").asBoolean(false)) {
                notes.add("%s: intent %d rejected: %s"
                        .formatted(
                                VALIDATOR.ref(),
                                i + 1,
                                verdict.map(v -> v.path("reason").asText("")).orElse("no verdict")));
                continue;
            }
            seen.add(probed);
            TaskId id = TaskId.of("warm-%s-%03d".formatted(newcomer.id(), tasks.size() + 1));
            List<Subtask> subtasks = new ArrayList<>();
            for (int s = 0; s < steps.size(); s++) {
                subtasks.add(new Subtask(s, steps.get(s), s == 0 ? List.of() : List.of(s - 1)));
            }
            references.put(id, reference);
            Intent traced = new Intent(
                    intent.newcomer(),
                    intent.kind(),
                    intent.text(), // every prompt that shaped the task, with its version
                    "%s; %s; %s".formatted(intent.source(), EXECUTOR.ref(), VALIDATOR.ref()));
            tasks.add(new WarmupTask(new Task(id, String.join(" ", steps), subtasks), steps.size() - 1, traced));
        }
        return tasks;
    }

    private List<Intent> plan(AgentCard newcomer, Pool pool, int budget) {
        StringBuilder others = new StringBuilder();
        pool.cards().stream()
                .filter(card -> !card.id().equals(newcomer.id()))
                .forEach(card -> others.append("- ")
                        .append(LlmRouter.cardText(card, 120))
                        .append('\n'));
        Optional<JsonNode> json = ask(
                PLANNER,
                Map.of(
                        "newcomer",
                        LlmRouter.cardText(newcomer, 400),
                        "pool",
                        others.toString().strip(),
                        "count",
                        Integer.toString(budget)),
                PLAN_SCHEMA,
                "intents",
                Seeds.mix(seed, newcomer.id().value(), "plan"));
        List<Intent> intents = new ArrayList<>();
        json.ifPresent(j -> j.path("intents").forEach(node -> {
            String text = node.path("text").asText("").strip();
            IntentKind kind = switch (node.path("kind").asText("")) {
                case "in_scope" -> IntentKind.IN_SCOPE;
                case "boundary" -> IntentKind.BOUNDARY;
                case "handoff" -> IntentKind.HANDOFF;
                default -> null;
            };
            if (kind != null && !text.isEmpty()) {
                intents.add(new Intent(newcomer.id(), kind, text, PLANNER.ref()));
            }
        }));
        if (intents.isEmpty()) {
            notes.add("%s gave no intents twice: the card's skills are the intents".formatted(PLANNER.ref()));
            for (Skill skill : newcomer.skills()) {
                intents.add(new Intent(
                        newcomer.id(),
                        IntentKind.IN_SCOPE,
                        skill.name() + ". " + skill.description(),
                        newcomer.id() + "/" + skill.id()));
                skill.examples()
                        .forEach(example -> intents.add(new Intent(
                                newcomer.id(), IntentKind.IN_SCOPE, example, newcomer.id() + "/" + skill.id())));
            }
        }
        return intents;
    }

    /** The prompt's JSON answer, asked for once more if the first is malformed or truncated. */
    private Optional<JsonNode> ask(
            PromptTemplate prompt, Map<String, String> values, JsonNode schema, String name, long callSeed) {
        ChatRequest request = ChatRequest.of(modelName, prompt.render(values))
                .withTemperature(0)
                .withSeed(callSeed)
                .withSchema(name, schema);
        return JsonAnswers.askTwice(
                model,
                request,
                JsonAnswers::object,
                "That was not complete JSON. Reply with the JSON object only.",
                (attempt, answer) -> {});
    }

    private static String kindName(IntentKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String numbered(List<String> steps) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            out.append(i + 1).append(". ").append(steps.get(i)).append('\n');
        }
        return out.toString().strip();
    }
}
