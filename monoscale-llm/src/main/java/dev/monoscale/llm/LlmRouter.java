package dev.monoscale.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerScore;
import dev.monoscale.llm.client.ChatMessage;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.Stance;
import dev.monoscale.memory.WorkerGuidance;
import dev.monoscale.routing.MemoryRetrieval;
import dev.monoscale.stats.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The LLM router with routing memory: π_m from a frozen model (DESIGN.md §3, §5), in three phases.
 *
 * <ol>
 *   <li><b>Plan</b> ({@code routing/plan}): a request becomes steps, each reading earlier ones. A malformed plan
 *       is asked for again once, then the request is one step.
 *   <li><b>Choose</b> ({@code routing/choose}), per step. The memory entries that apply are retrieved exactly as
 *       the embedded memory router retrieves its pattern entries (top-K within the token budget K; example entries,
 *       votes that only the embedded router reads, are not offered), then cut so that their lines as
 *       rendered in the prompt (id, rule, pattern, confidence) stay within K too. The workers offered are the
 *       validated ones plus any new worker a retrieved entry (or the default route) prefers: the conservative
 *       lift's support, so a new worker's card alone never earns it mass. They are offered under the labels A, B,
 *       C… in pool order, with their cards (each within {@code cardTokens}) and the entries' rules in the
 *       prompt. π over the offered workers comes from the {@link LabelEstimator}: label log-probabilities
 *       renormalised over the labels, or sample frequencies; workers not offered get 0. An answer that is not a
 *       label is asked for again once, naming the labels; a second one makes the step fall back to the conservative
 *       lift ({@code fallback}, the embedded memory router over the same memory).
 *   <li><b>Compose</b> ({@code routing/compose}): the step outputs become the final answer; one step's output is
 *       the answer as it is.
 * </ol>
 * Every decision keeps a {@link DecisionTrace}: prompt id and version, estimator and its degradations, labels,
 * retrieved entries, and the time spent per phase. Decisions are cached per task, step and input producers, so
 * the router is deterministic for a task as {@link dev.monoscale.core.Router} requires. Thread-safe.
 */
public final class LlmRouter implements PolicyRouter {

    static final String LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /**
     * Why a step went where it did, beyond the scores.
     *
     * @param prompt the choose prompt's {@code id@version}
     * @param labels which worker each offered label stood for
     * @param entries ids of the memory entries in the prompt
     * @param reasked whether the model was asked again after an answer that was not a label
     * @param fallback whether the conservative lift decided because the model twice answered no label
     * @param trail the estimator's steps, including any degradation
     */
    public record DecisionTrace(
            String prompt,
            Map<String, AgentId> labels,
            List<String> entries,
            LabelEstimator.Method method,
            boolean reasked,
            boolean fallback,
            List<String> trail,
            Timings timings) {

        public DecisionTrace {
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            entries = List.copyOf(entries);
            trail = List.copyOf(trail);
        }
    }

    /** Nanoseconds per phase of one decision: retrieval, prompt rendering, the model calls, and reading the answer. */
    public record Timings(long retrievalNanos, long renderNanos, long modelNanos, long parseNanos) {

        /** Everything but the model calls: the router's own overhead. */
        public long overheadNanos() {
            return retrievalNanos + renderNanos + parseNanos;
        }
    }

    /** A step's decision and its trace. */
    public record Decision(StepDecision step, DecisionTrace trace) {}

    /** A planned request: its steps, the prompt that planned it, and what went wrong on the way, if anything. */
    public record Planned(Task task, String prompt, List<String> notes) {}

    private static final JsonNode PLAN_SCHEMA = JsonAnswers.schema("""
            {"type":"object","properties":{"steps":{"type":"array","items":{"type":"object","properties":{
              "text":{"type":"string"},"inputs":{"type":"array","items":{"type":"integer"}}},
              "required":["text","inputs"],"additionalProperties":false}}},"required":["steps"],"additionalProperties":false}""");

    private final Pool pool;
    private final List<AgentId> ids;
    private final ChatModel model;
    private final LabelEstimator estimator;
    private final LlmRouterConfig config;
    private final PolicyRouter fallback;
    private final MemoryRetrieval retrieval;
    private final Set<AgentId> validated;
    private static final PromptTemplate CHOOSE = PromptTemplate.load("routing/choose");
    private static final PromptTemplate PLANNER = PromptTemplate.load("routing/plan");
    private static final PromptTemplate COMPOSER = PromptTemplate.load("routing/compose");
    /** Each worker's card as the prompts show it; cards do not change for the router's life. */
    private final Map<AgentId, String> cardLines = new HashMap<>();
    /** One future per task, step and input producers: the first caller decides, later ones wait for its decision. */
    private final Map<String, FutureTask<Decision>> decisions = new ConcurrentHashMap<>();

    private LlmRouter(
            Pool pool,
            RoutingMemory memory,
            ChatModel model,
            LabelEstimator estimator,
            LlmRouterConfig config,
            PolicyRouter fallback) {
        if (pool.size() > LABELS.length()) {
            throw new IllegalArgumentException(
                    "the LLM router offers at most %d workers under single-letter labels; the pool has %d"
                            .formatted(LABELS.length(), pool.size()));
        }
        this.pool = pool;
        this.ids = pool.ids();
        this.model = model;
        this.estimator = estimator;
        this.config = config;
        this.fallback = fallback;
        this.retrieval = MemoryRetrieval.of(memory, config.retrieval());
        this.validated = new HashSet<>(memory.validated());
        pool.cards().forEach(card -> cardLines.put(card.id(), cardText(card, config.cardTokens())));
    }

    /**
     * @param estimator shared by every router on one endpoint, so what it learns about the endpoint (no logprobs, no n) carries over
     * @param fallback the conservative lift for steps where the model answers no label
     */
    public static LlmRouter of(
            Pool pool,
            RoutingMemory memory,
            ChatModel model,
            LabelEstimator estimator,
            LlmRouterConfig config,
            PolicyRouter fallback) {
        return new LlmRouter(pool, memory, model, estimator, config, fallback);
    }

    /** The {@link MemoryRouting} that makes LLM routers on one model, with {@code lift} making each one's fallback. */
    public static MemoryRouting routing(
            ChatModel model, LabelEstimator estimator, LlmRouterConfig config, MemoryRouting lift) {
        return (pool, memory) -> of(pool, memory, model, estimator, config, lift.router(pool, memory));
    }

    @Override
    public Pool pool() {
        return pool;
    }

    @Override
    public Plan route(Task task) {
        return route(task, this::decide);
    }

    /**
     * {@link #route} with every step decided afresh and nothing remembered: for a long-running service, where one
     * router answers every request and each request is a new task, so remembered decisions would only pile up.
     */
    public Plan routeUncached(Task task) {
        return route(task, this::decideNow);
    }

    private interface Decider {
        Decision decide(Task task, Subtask step, List<AgentId> inputProducers);
    }

    private static Plan route(Task task, Decider decider) {
        List<AgentId> chosen = new ArrayList<>();
        List<StepDecision> steps = new ArrayList<>();
        for (Subtask step : task.subtasks()) {
            StepDecision decision = decider.decide(
                            task, step, step.inputs().stream().map(chosen::get).toList())
                    .step();
            chosen.add(decision.worker());
            steps.add(decision);
        }
        return new Plan(task.id(), steps);
    }

    @Override
    public Policy policy(Task task, Subtask step, List<AgentId> inputProducers) {
        return decide(task, step, inputProducers).step().policy();
    }

    /** The decision for one step, given who produced its inputs, with its trace. */
    public Decision decide(Task task, Subtask step, List<AgentId> inputProducers) {
        String key = task.id().value() + "\u0000" + task.text() + "\u0000" + step.index() + "\u0000" + step.text()
                + "\u0000" + inputProducers;
        // Not computeIfAbsent: it would hold a lock of the map for the whole model call, so decisions of other tasks
        // (the round asks from many virtual threads) would wait for it whenever their keys share a bin.
        FutureTask<Decision> mine = new FutureTask<>(() -> decideNow(task, step, inputProducers));
        FutureTask<Decision> decision = decisions.putIfAbsent(key, mine);
        if (decision == null) {
            decision = mine;
            mine.run();
        }
        try {
            return decision.get();
        } catch (ExecutionException e) {
            decisions.remove(key, decision); // a failed decision is not cached, as before
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while another thread decided step %d of task '%s'".formatted(step.index(), task.id()),
                    e);
        }
    }

    private Decision decideNow(Task task, Subtask step, List<AgentId> inputProducers) {
        long t0 = System.nanoTime();
        List<MemoryEntry> applied = withinBudget(
                retrieval.retrieve(step.text()).stream()
                        .map(MemoryRetrieval.Retrieved::entry)
                        .toList(),
                retrieval.defaultRoute(),
                config.retrieval().tokenBudget());
        long t1 = System.nanoTime();

        List<AgentId> offered = new ArrayList<>();
        for (AgentId id : ids) {
            if (validated.contains(id)
                    || applied.stream()
                            .anyMatch(entry -> entry.guidance().stream()
                                    .anyMatch(g -> g.worker().equals(id) && g.stance() == Stance.PREFER))) {
                offered.add(id);
            }
        }
        if (offered.isEmpty()) {
            Policy lift = fallback.policy(task, step, inputProducers);
            return new Decision(
                    explain(
                            step,
                            lift,
                            Map.of(),
                            applied,
                            List.of("no worker of the pool is validated or preferred: the lift decides")),
                    new DecisionTrace(
                            CHOOSE.ref(),
                            Map.of(),
                            ids(applied),
                            estimator.method(),
                            false,
                            true,
                            List.of(),
                            new Timings(t1 - t0, 0, 0, 0)));
        }
        Map<String, AgentId> labels = new LinkedHashMap<>();
        for (int i = 0; i < offered.size(); i++) {
            labels.put(String.valueOf(LABELS.charAt(i)), offered.get(i));
        }
        List<String> labelList = List.copyOf(labels.keySet());
        List<ChatMessage> messages = CHOOSE.render(Map.of(
                "task", task.text(),
                "stepNumber", Integer.toString(step.index() + 1),
                "step", step.text(),
                "inputs", inputsText(step, inputProducers),
                "workers", workersText(labels),
                "memory", memoryText(applied),
                "labels", String.join(", ", labelList)));
        long t2 = System.nanoTime();

        long seed = Seeds.mix(config.seed(), task.id().value(), step.index());
        ChatRequest request = ChatRequest.of(config.model(), messages);
        LabelEstimator.Estimate estimate = estimator.estimate(request, labelList, seed);
        List<String> trail = new ArrayList<>(estimate.trail());
        boolean reasked = false;
        if (!estimate.understood()) {
            reasked = true;
            String said = estimate.answers().isEmpty()
                    ? ""
                    : estimate.answers().getFirst().strip();
            trail.add("answer '%s' is not one of the labels: asked again once".formatted(said));
            List<ChatMessage> again = new ArrayList<>(messages);
            again.add(ChatMessage.assistant(said));
            again.add(ChatMessage.user("'%s' is not one of the labels. Answer with exactly one of: %s"
                    .formatted(said, String.join(", ", labelList))));
            estimate = estimator.estimate(request.withMessages(again), labelList, seed + 1);
            trail.addAll(estimate.trail());
        }
        long t3 = System.nanoTime();

        StepDecision decided;
        boolean fellBack = !estimate.understood();
        if (fellBack) {
            trail.add("the model answered no label twice: the conservative lift decides");
            decided = explain(
                    step,
                    fallback.policy(task, step, inputProducers),
                    Map.of(),
                    applied,
                    List.of("fallback: the conservative lift decided"));
        } else {
            double[] p = new double[ids.size()];
            Map<AgentId, String> labelOf = new LinkedHashMap<>();
            for (Map.Entry<String, AgentId> label : labels.entrySet()) {
                p[ids.indexOf(label.getValue())] = estimate.probability(label.getKey());
                labelOf.put(label.getValue(), label.getKey());
            }
            decided = explain(step, Policy.of(ids, renormalised(p)), labelOf, applied, List.of());
        }
        long t4 = System.nanoTime();
        return new Decision(
                decided,
                new DecisionTrace(
                        CHOOSE.ref(),
                        labels,
                        ids(applied),
                        estimate.method(),
                        reasked,
                        fellBack,
                        trail,
                        new Timings(t1 - t0, t2 - t1, t3 - t2, t4 - t3)));
    }

    private static double[] renormalised(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] / sum;
        }
        return out;
    }

    private StepDecision explain(
            Subtask step, Policy policy, Map<AgentId, String> labelOf, List<MemoryEntry> applied, List<String> always) {
        List<WorkerScore> scores = new ArrayList<>();
        for (AgentId id : ids) {
            List<String> because = new ArrayList<>(always);
            String label = labelOf.get(id);
            if (label != null) {
                because.add("label " + label);
            } else if (always.isEmpty()) {
                because.add("not validated and no entry prefers it: not offered");
            }
            for (MemoryEntry entry : applied) {
                for (WorkerGuidance g : entry.guidance()) {
                    if (g.worker().equals(id)) {
                        because.add("entry %s %s it"
                                .formatted(
                                        entry.id(),
                                        switch (g.stance()) {
                                            case PREFER -> "prefers";
                                            case AVOID -> "avoids";
                                            case CONSTRAIN -> "constrains";
                                        }));
                    }
                }
            }
            double p = policy.probability(id);
            scores.add(new WorkerScore(id, p > 0 ? Math.log(p) : Double.NEGATIVE_INFINITY, p, because));
        }
        return new StepDecision(step, policy, policy.argmax(), scores);
    }

    private static List<String> ids(List<MemoryEntry> entries) {
        return entries.stream().map(entry -> entry.id().value()).toList();
    }

    private static String inputsText(Subtask step, List<AgentId> producers) {
        if (step.inputs().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < step.inputs().size(); i++) {
            String who = i < producers.size() ? " (done by " + producers.get(i) + ")" : "";
            parts.add("step " + (step.inputs().get(i) + 1) + who);
        }
        return "This step reads the output of " + String.join(", ", parts) + ".\n";
    }

    private String workersText(Map<String, AgentId> labels) {
        StringBuilder out = new StringBuilder();
        labels.forEach((label, id) ->
                out.append(label).append(": ").append(cardLines.get(id)).append('\n'));
        return out.toString().strip();
    }

    /** A card in a few lines, cut at about {@code tokens} tokens. */
    static String cardText(AgentCard card, int tokens) {
        StringBuilder out = new StringBuilder(card.name())
                .append(" (")
                .append(card.id())
                .append(") — ")
                .append(card.description().strip());
        for (Skill skill : card.skills()) {
            out.append("\n   skill ")
                    .append(skill.name())
                    .append(": ")
                    .append(skill.description().strip());
            if (!skill.examples().isEmpty()) {
                out.append(" e.g. ").append(String.join("; ", skill.examples()));
            }
        }
        int max = tokens * 4;
        return out.length() <= max ? out.toString() : out.substring(0, max) + "…";
    }

    private static String memoryText(List<MemoryEntry> entries) {
        if (entries.isEmpty()) {
            return "(no lesson applies to this step)";
        }
        StringBuilder out = new StringBuilder();
        for (MemoryEntry entry : entries) {
            out.append(memoryLine(entry)).append('\n');
        }
        return out.toString().strip();
    }

    private static String memoryLine(MemoryEntry entry) {
        return String.format(
                Locale.ROOT,
                "- [%s] %s (pattern: %s; confidence %.2f)",
                entry.id(),
                entry.rule(),
                entry.pattern(),
                entry.confidence());
    }

    /**
     * The entries whose lines, as the prompt renders them, fit the token budget K (about four characters a token):
     * the retrieved ones best first, and the default route, whose room is kept first since it applies to every step.
     * Retrieval counts only pattern and rule; the rendered line adds the id, the pattern label and the confidence.
     */
    static List<MemoryEntry> withinBudget(
            List<MemoryEntry> retrieved, java.util.Optional<MemoryEntry> defaultRoute, int tokenBudget) {
        int room = 4 * tokenBudget;
        java.util.Optional<MemoryEntry> fallbackRoute =
                defaultRoute.filter(entry -> memoryLine(entry).length() + 1 <= room);
        int used = fallbackRoute.map(entry -> memoryLine(entry).length() + 1).orElse(0);
        List<MemoryEntry> kept = new ArrayList<>();
        for (MemoryEntry entry : retrieved) {
            int cost = memoryLine(entry).length() + 1;
            if (used + cost > room) {
                break;
            }
            used += cost;
            kept.add(entry);
        }
        fallbackRoute.ifPresent(kept::add);
        return kept;
    }

    /** Phase 1: the steps of a request. */
    public Planned plan(TaskId id, String text) {
        Map<String, AgentId> all = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            all.put(String.valueOf(LABELS.charAt(i)), ids.get(i));
        }
        List<ChatMessage> messages = PLANNER.render(Map.of("task", text, "workers", workersText(all)));
        ChatRequest request = ChatRequest.of(config.model(), messages)
                .withTemperature(0)
                .withSeed(Seeds.mix(config.seed(), id.value(), "plan"))
                .withSchema("plan", PLAN_SCHEMA);
        List<String> notes = new ArrayList<>();
        Optional<List<Subtask>> steps = JsonAnswers.askTwice(
                model,
                request,
                answer -> Optional.ofNullable(steps(answer)),
                "That was not valid JSON of the form {\"steps\":[{\"text\":\"...\",\"inputs\":[]}]} with inputs naming earlier steps. Reply with that JSON only.",
                (attempt, answer) ->
                        notes.add("plan %d was not a valid step list: '%s'".formatted(attempt, preview(answer))));
        if (steps.isPresent()) {
            return new Planned(new Task(id, text, steps.get()), PLANNER.ref(), notes);
        }
        notes.add("the request is routed as one step");
        return new Planned(new Task(id, text, List.of(new Subtask(0, text, List.of()))), PLANNER.ref(), notes);
    }

    private static @org.jspecify.annotations.Nullable List<Subtask> steps(String answer) {
        var json = JsonAnswers.object(answer);
        if (json.isEmpty()
                || !json.get().path("steps").isArray()
                || json.get().path("steps").isEmpty()) {
            return null;
        }
        List<Subtask> steps = new ArrayList<>();
        for (JsonNode node : json.get().path("steps")) {
            String stepText =
                    node.isTextual() ? node.asText() : node.path("text").asText("");
            if (stepText.isBlank()) {
                return null;
            }
            List<Integer> inputs = new ArrayList<>();
            for (JsonNode input : node.path("inputs")) {
                if (!input.canConvertToInt() || input.asInt() < 0 || input.asInt() >= steps.size()) {
                    return null;
                }
                inputs.add(input.asInt());
            }
            steps.add(new Subtask(steps.size(), stepText.strip(), inputs));
        }
        return steps;
    }

    /** Phase 3: the final answer from the step outputs; one output is the answer as it is. */
    public String compose(Task task, List<StepOutput> outputs) {
        if (outputs.size() == 1) {
            return outputs.getFirst().content();
        }
        StringBuilder text = new StringBuilder();
        for (StepOutput output : outputs) {
            text.append("step ")
                    .append(output.step() + 1)
                    .append(" (")
                    .append(output.producer())
                    .append("): ")
                    .append(output.content().strip())
                    .append('\n');
        }
        List<ChatMessage> messages = COMPOSER.render(
                Map.of("task", task.text(), "outputs", text.toString().strip()));
        return model.complete(ChatRequest.of(config.model(), messages)
                        .withTemperature(0)
                        .withSeed(Seeds.mix(config.seed(), task.id().value(), "compose")))
                .text()
                .strip();
    }

    /** The prompt references of the three phases, for traces and reports. */
    public List<String> prompts() {
        return List.of(PLANNER.ref(), CHOOSE.ref(), COMPOSER.ref());
    }

    static String preview(String text) {
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() > 80 ? one.substring(0, 80) + "…" : one;
    }

    /** The decision for one step without the cache, so every call does the whole work: for benchmarks. */
    public Decision decideUncached(Task task, Subtask step, List<AgentId> inputProducers) {
        return decideNow(task, step, inputProducers);
    }
}
