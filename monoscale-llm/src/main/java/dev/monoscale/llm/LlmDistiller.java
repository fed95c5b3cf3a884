package dev.monoscale.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Subtask;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.distillation.Distiller;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.evidence.PatternEvidence;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.llm.client.ChatMessage;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.memory.Evidence;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.Stance;
import dev.monoscale.memory.WorkerGuidance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The LLM distiller (DESIGN.md §4.3): the warm-up evidence, grouped by pattern with each worker's record and the
 * lift's incumbent, goes into {@code distill/entries}; memory entries come back as JSON. {@code candidates}
 * answers are sampled (seeds seed, seed+1, …, at {@code temperature}), and each becomes one candidate memory, so
 * the gate has a choice; candidates come in order of increasing reach (entry count), duplicates merged. The last
 * candidate is {@link CandidateMemory#cards}: the widest answer's entries with the round's new workers validated, so
 * that a newcomer can be used wherever its card matches, also on steps no entry names (and when no answer passed
 * the checks).
 *
 * <p>The model writes words, not numbers. Every entry is checked, and dropped with a note when it fails: the
 * worker and the workers after which it is constrained must be in the pool; the stance must be one of the three;
 * a default route ({@code *}) may only prefer; the pattern may not begin as an example's does
 * ({@value MemoryEntry#EXAMPLE}), as examples apply differently (they never unmask a worker); it must cite at least
 * one run of this round in which that worker did the probed step. Its evidence (successes, trials) is counted from
 * the cited runs, a prefer must cite a pass and an avoid or constrain a failure, and its confidence is 0.9·n/(n+2)
 * for n cited runs.
 */
public final class LlmDistiller implements Distiller {

    private static final JsonNode SCHEMA = JsonAnswers.schema("""
            {"type":"object","properties":{"entries":{"type":"array","items":{"type":"object","properties":{
              "pattern":{"type":"string"},"rule":{"type":"string"},"worker":{"type":"string"},
              "stance":{"type":"string","enum":["prefer","avoid","constrain"]},
              "after":{"type":"array","items":{"type":"string"}},"cite":{"type":"array","items":{"type":"string"}}},
              "required":["pattern","rule","worker","stance","after","cite"],"additionalProperties":false}}},
             "required":["entries"],"additionalProperties":false}""");
    private static final int RUNS_SHOWN = 12;

    private static final PromptTemplate PROMPT = PromptTemplate.load("distill/entries");

    private final ChatModel model;
    private final String modelName;
    private final int candidates;
    private final double temperature;
    private final long seed;
    private final List<String> notes = new CopyOnWriteArrayList<>();

    /**
     * @param candidates answers sampled, in [1, 16]
     * @param temperature of the samples, in [0, 2]
     */
    public LlmDistiller(ChatModel model, String modelName, int candidates, double temperature, long seed) {
        if (candidates < 1 || candidates > 16) {
            throw new IllegalArgumentException("candidates must be in [1, 16], was " + candidates);
        }
        this.model = model;
        this.modelName = modelName;
        this.candidates = candidates;
        this.temperature = temperature;
        this.seed = seed;
    }

    /** Entries dropped by the checks, and why, naming the prompt version. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public List<CandidateMemory> distill(
            EvidenceTable evidence, List<AgentId> newcomers, PolicyRouter lift, MemoryVersion version) {
        Map<String, WarmupRun> runs = new LinkedHashMap<>();
        evidence.patterns().forEach(pattern -> pattern.runs().forEach(run -> runs.put(run.id(), run)));
        List<ChatMessage> messages =
                PROMPT.render(Map.of("newcomers", newcomers.toString(), "evidence", render(evidence, lift)));
        List<CandidateMemory> out = new ArrayList<>();
        Set<Set<String>> seen = new HashSet<>();
        for (int c = 0; c < candidates; c++) {
            ChatRequest request = ChatRequest.of(modelName, messages)
                    .withTemperature(temperature)
                    .withSeed(seed + c)
                    .withSchema("memory", SCHEMA);
            String answer = model.complete(request).text();
            var json = JsonAnswers.object(answer);
            if (json.isEmpty() || !json.get().path("entries").isArray()) {
                notes.add("%s sample %d is not the asked-for JSON: '%s'"
                        .formatted(PROMPT.ref(), c + 1, LlmRouter.preview(answer)));
                continue;
            }
            List<MemoryEntry> entries = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            int k = 0;
            for (JsonNode node : json.get().path("entries")) {
                k++;
                String prefix = "%s-llm%d-%d".formatted(version, c + 1, k).toLowerCase(Locale.ROOT);
                try {
                    MemoryEntry entry = entry(node, prefix, runs, lift);
                    if (keys.add(entry.pattern().toLowerCase(Locale.ROOT) + "|" + entry.guidance())) {
                        entries.add(entry);
                    }
                } catch (IllegalArgumentException e) {
                    notes.add("%s sample %d entry %d dropped: %s".formatted(PROMPT.ref(), c + 1, k, e.getMessage()));
                }
            }
            if (!entries.isEmpty() && seen.add(new HashSet<>(keys))) {
                out.add(new CandidateMemory(
                        "%s sample %d".formatted(PROMPT.ref(), c + 1),
                        entries)); // the gate record keeps the prompt version
            }
        }
        out.sort(Comparator.comparingInt(candidate -> candidate.added().size()));
        // the widest answer's entries (none if no answer passed the checks), with the new workers validated
        out.add(CandidateMemory.cards(out.isEmpty() ? List.of() : out.getLast().added(), newcomers));
        return out;
    }

    private static MemoryEntry entry(JsonNode node, String prefix, Map<String, WarmupRun> runs, PolicyRouter lift) {
        String pattern = node.path("pattern").asText("").strip();
        String rule = node.path("rule").asText("").strip();
        if (pattern.isEmpty() || rule.isEmpty()) {
            throw new IllegalArgumentException("it needs a pattern and a rule");
        }
        if (pattern.startsWith(MemoryEntry.EXAMPLE)) {
            throw new IllegalArgumentException(
                    ("pattern '%s' begins as an example's does ('%s'), which records one warm-up task's"
                                    + " counted outcomes; allowed: words describing the steps the entry covers, or '%s'")
                            .formatted(LlmRouter.preview(pattern), MemoryEntry.EXAMPLE, MemoryEntry.ANY_TASK));
        }
        AgentId worker = worker(node.path("worker").asText(""), lift);
        Stance stance = switch (node.path("stance").asText("")) {
            case "prefer" -> Stance.PREFER;
            case "avoid" -> Stance.AVOID;
            case "constrain" -> Stance.CONSTRAIN;
            default ->
                throw new IllegalArgumentException("stance '%s'; allowed: prefer, avoid, constrain"
                        .formatted(node.path("stance").asText("")));
        };
        List<AgentId> after = new ArrayList<>();
        node.path("after").forEach(a -> after.add(worker(a.asText(""), lift)));
        WorkerGuidance guidance = stance == Stance.CONSTRAIN
                ? WorkerGuidance.constrain(worker, after)
                : stance == Stance.PREFER ? WorkerGuidance.prefer(worker) : WorkerGuidance.avoid(worker);
        List<String> cited = new ArrayList<>();
        int passed = 0;
        for (JsonNode id : node.path("cite")) {
            WarmupRun run = runs.get(id.asText(""));
            if (run != null && run.probed().equals(worker) && !cited.contains(run.id())) {
                cited.add(run.id());
                passed += run.passed() ? 1 : 0;
            }
        }
        if (cited.isEmpty()) {
            throw new IllegalArgumentException(
                    "it cites no run of this round in which '%s' did the probed step".formatted(worker));
        }
        if (stance == Stance.PREFER && passed == 0) {
            throw new IllegalArgumentException("it prefers '%s' but every cited run failed".formatted(worker));
        }
        if (stance != Stance.PREFER && passed == cited.size()) {
            throw new IllegalArgumentException("it %s '%s' but every cited run passed"
                    .formatted(stance == Stance.AVOID ? "avoids" : "constrains", worker));
        }
        double confidence = 0.9 * cited.size() / (cited.size() + 2.0);
        String id = (prefix + "-" + stance.name() + "-" + worker).toLowerCase(Locale.ROOT);
        return new MemoryEntry(
                MemoryEntryId.of(id.length() > 120 ? id.substring(0, 120) : id),
                pattern,
                rule,
                List.of(guidance),
                new Evidence(cited, passed, cited.size()),
                confidence);
    }

    private static AgentId worker(String name, PolicyRouter lift) {
        String id = name.strip();
        if (lift.pool().ids().stream().noneMatch(a -> a.value().equals(id))) {
            throw new IllegalArgumentException("worker '%s' is not in the pool %s"
                    .formatted(id, lift.pool().ids()));
        }
        return AgentId.of(id);
    }

    private static String render(EvidenceTable evidence, PolicyRouter lift) {
        StringBuilder out = new StringBuilder();
        for (PatternEvidence pattern : evidence.patterns()) {
            WarmupRun first = pattern.runs().getFirst();
            Subtask probed = first.warmup().task().subtasks().get(first.warmup().probedStep());
            AgentId incumbent = lift.policy(first.warmup().task(), probed, first.producers())
                    .argmax();
            out.append(String.format(
                    Locale.ROOT,
                    "pattern %d: '%s' (example step: '%s'); the current router's choice: %s%n",
                    pattern.index(),
                    pattern.pattern(),
                    pattern.example(),
                    incumbent));
            pattern.stats(run -> true).forEach((worker, stats) -> {
                out.append(String.format(
                        Locale.ROOT,
                        "  %s did the step %d times and passed %d",
                        worker,
                        stats.trials(),
                        stats.successes()));
                if (!stats.failures().isEmpty()) {
                    out.append("; failures: ").append(stats.failures());
                }
                if (!stats.byProducer().isEmpty()) {
                    StringBuilder after = new StringBuilder();
                    stats.byProducer()
                            .forEach((producer, counts) -> after.append(String.format(
                                    Locale.ROOT,
                                    " after %s: %d of %d passed, %d refused;",
                                    producer,
                                    counts[1],
                                    counts[0],
                                    counts[2])));
                    out.append(";").append(after);
                }
                out.append("\n    runs: ")
                        .append(String.join(
                                ", ",
                                stats.traces()
                                        .subList(
                                                0,
                                                Math.min(
                                                        RUNS_SHOWN,
                                                        stats.traces().size()))))
                        .append('\n');
            });
        }
        return out.toString().strip();
    }
}
