package dev.monoscale.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.core.AgentId;
import dev.monoscale.memory.Evidence;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.GateRecord.CandidateScore;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.Probe;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.Stance;
import dev.monoscale.memory.WorkerGuidance;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON form of a {@link RoutingMemory} kept in the {@code body} column: field names are the record
 * components', enums are written by name, instants as ISO-8601 text, and an absent parent or chosen candidate
 * as {@code null}.
 *
 * <p>Reading gives back a value {@code equals} to the one written. Doubles are written in their shortest
 * exact decimal form; NaN and the infinities, which JSON has no numbers for, as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}.
 *
 * <p>Public because it is the storage form of every SQL store: the PostgreSQL store keeps the same text in its
 * {@code body} column, so a version reads the same from either database.
 */
public final class MemoryJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private MemoryJson() {}

    public static String write(RoutingMemory memory) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", memory.version().number());
        if (memory.parent() == null) {
            root.putNull("parent");
        } else {
            root.put("parent", memory.parent().number());
        }
        root.put("createdAt", memory.createdAt().toString());
        agents(root.putArray("validated"), memory.validated());
        ArrayNode entries = root.putArray("entries");
        memory.entries().forEach(entry -> writeEntry(entries.addObject(), entry));
        writeGate(root.putObject("gate"), memory.gate());
        if (!memory.probes().isEmpty()) {
            ArrayNode probes = root.putArray("probes");
            memory.probes().forEach(probe -> writeProbe(probes.addObject(), probe));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree built in memory must serialize", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the field, if {@code json} is not a memory version this class wrote
     */
    public static RoutingMemory read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode parent = field(root, "parent");
        return new RoutingMemory(
                MemoryVersion.of(integer(root, "version")),
                parent.isNull() ? null : MemoryVersion.of(integer(root, "parent")),
                agents(root, "validated"),
                list(root, "entries", MemoryJson::readEntry),
                readGate(object(root, "gate")),
                instant(root, "createdAt"),
                root.has("probes") ? list(root, "probes", MemoryJson::readProbe) : List.of());
    }

    private static void writeProbe(ObjectNode node, Probe probe) {
        node.put("worker", probe.worker().value());
        node.put("pattern", probe.pattern());
        node.put("example", probe.example());
        node.put("tasks", probe.tasks());
        node.put("successes", probe.successes());
        node.put("trials", probe.trials());
        putDouble(node, "ciLow", probe.ciLow());
        putDouble(node, "ciHigh", probe.ciHigh());
        putDouble(node, "meanReward", probe.meanReward());
        node.put("incumbent", probe.incumbent());
        node.put("incumbentSuccesses", probe.incumbentSuccesses());
        node.put("incumbentTrials", probe.incumbentTrials());
    }

    private static Probe readProbe(JsonNode node) {
        return new Probe(AgentId.of(text(node, "worker")), text(node, "pattern"), text(node, "example"), integer(node, "tasks"),
                integer(node, "successes"), integer(node, "trials"), number(node, "ciLow"), number(node, "ciHigh"),
                number(node, "meanReward"), text(node, "incumbent"), integer(node, "incumbentSuccesses"),
                integer(node, "incumbentTrials"));
    }

    private static void writeEntry(ObjectNode node, MemoryEntry entry) {
        node.put("id", entry.id().value());
        node.put("pattern", entry.pattern());
        node.put("rule", entry.rule());
        ArrayNode guidance = node.putArray("guidance");
        for (WorkerGuidance one : entry.guidance()) {
            ObjectNode item = guidance.addObject();
            item.put("worker", one.worker().value());
            item.put("stance", one.stance().name());
            agents(item.putArray("afterWorkers"), one.afterWorkers());
        }
        ObjectNode evidence = node.putObject("evidence");
        ArrayNode traces = evidence.putArray("traces");
        entry.evidence().traces().forEach(traces::add);
        evidence.put("successes", entry.evidence().successes());
        evidence.put("trials", entry.evidence().trials());
        putDouble(node, "confidence", entry.confidence());
    }

    private static MemoryEntry readEntry(JsonNode node) {
        JsonNode evidence = object(node, "evidence");
        return new MemoryEntry(
                MemoryEntryId.of(text(node, "id")),
                text(node, "pattern"),
                text(node, "rule"),
                list(node, "guidance", item -> new WorkerGuidance(
                        AgentId.of(text(item, "worker")),
                        Stance.valueOf(text(item, "stance")),
                        agents(item, "afterWorkers"))),
                new Evidence(list(evidence, "traces", trace -> textValue(trace, "traces[]")),
                        integer(evidence, "successes"), integer(evidence, "trials")),
                number(node, "confidence"));
    }

    private static void writeGate(ObjectNode node, GateRecord gate) {
        node.put("outcome", gate.outcome().name());
        node.put("reason", gate.reason());
        agents(node.putArray("onboarded"), gate.onboarded());
        putDouble(node, "delta", gate.delta());
        putDouble(node, "alpha", gate.alpha());
        node.put("evaluationTasks", gate.evaluationTasks());
        ArrayNode candidates = node.putArray("candidates");
        for (CandidateScore score : gate.candidates()) {
            ObjectNode item = candidates.addObject();
            item.put("name", score.name());
            item.put("entries", score.entries());
            putDouble(item, "gain", score.gain());
            putDouble(item, "gainLow", score.gainLow());
            putDouble(item, "gainHigh", score.gainHigh());
            putDouble(item, "kl", score.kl());
            item.put("withinTrustRegion", score.withinTrustRegion());
        }
        if (gate.chosen().isPresent()) {
            node.put("chosen", gate.chosen().get());
        } else {
            node.putNull("chosen");
        }
        gate.test().ifPresent(test -> {
            ObjectNode item = node.putObject("test");
            item.put("candidate", test.candidate());
            item.put("look", test.look());
            item.put("looks", test.looks());
            item.put("tasks", test.tasks());
            putDouble(item, "gain", test.gain());
            putDouble(item, "lowerBound", test.lowerBound());
            putDouble(item, "level", test.level());
        });
    }

    private static GateRecord readGate(JsonNode node) {
        JsonNode chosen = field(node, "chosen");
        return new GateRecord(
                GateRecord.Outcome.valueOf(text(node, "outcome")),
                text(node, "reason"),
                agents(node, "onboarded"),
                number(node, "delta"),
                number(node, "alpha"),
                integer(node, "evaluationTasks"),
                list(node, "candidates", item -> new CandidateScore(
                        text(item, "name"),
                        integer(item, "entries"),
                        number(item, "gain"),
                        number(item, "gainLow"),
                        number(item, "gainHigh"),
                        number(item, "kl"),
                        bool(item, "withinTrustRegion"))),
                chosen.isNull() ? Optional.empty() : Optional.of(textValue(chosen, "chosen")),
                readTest(node.get("test")));
    }

    /** The holdout test, absent from records written before it existed and from records without one. */
    private static Optional<GateRecord.HoldoutTest> readTest(JsonNode test) {
        if (test == null || test.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new GateRecord.HoldoutTest(text(test, "candidate"), integer(test, "look"), integer(test, "looks"),
                integer(test, "tasks"), number(test, "gain"), number(test, "lowerBound"), number(test, "level")));
    }

    private static void agents(ArrayNode array, List<AgentId> agents) {
        agents.forEach(agent -> array.add(agent.value()));
    }

    private static List<AgentId> agents(JsonNode node, String name) {
        return list(node, name, item -> AgentId.of(textValue(item, name + "[]")));
    }

    private static void putDouble(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.put(name, Double.toString(value));
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new IllegalArgumentException("field '%s' is missing".formatted(name));
        }
        return value;
    }

    private static JsonNode object(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isObject()) {
            throw new IllegalArgumentException("field '%s' is %s; allowed: an object".formatted(name, value));
        }
        return value;
    }

    private static <T> List<T> list(JsonNode node, String name, Function<JsonNode, T> item) {
        JsonNode value = field(node, name);
        if (!value.isArray()) {
            throw new IllegalArgumentException("field '%s' is %s; allowed: an array".formatted(name, value));
        }
        return value.valueStream().map(item).toList();
    }

    private static String text(JsonNode node, String name) {
        return textValue(field(node, name), name);
    }

    private static String textValue(JsonNode value, String name) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '%s' is %s; allowed: a string".formatted(name, value));
        }
        return value.textValue();
    }

    private static Instant instant(JsonNode node, String name) {
        String text = text(node, name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "field '%s' is '%s'; allowed: an ISO-8601 instant".formatted(name, text), e);
        }
    }

    private static int integer(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("field '%s' is %s; allowed: a 32-bit integer".formatted(name, value));
        }
        return value.intValue();
    }

    private static double number(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return switch (value.isTextual() ? value.textValue() : "") {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("field '%s' is %s; allowed: a number, %s"
                    .formatted(name, value, "\"NaN\", \"Infinity\" or \"-Infinity\""));
        };
    }

    private static boolean bool(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("field '%s' is %s; allowed: true or false".formatted(name, value));
        }
        return value.booleanValue();
    }
}
