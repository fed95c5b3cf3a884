package dev.monoscale.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.cards.JsonField;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON form of a memory version, its entries and its gate record (field names in docs/json.md): what the
 * SQL stores keep in their {@code body} column, what {@code memory show --format json} prints and what the service
 * API serves. Versions are {@code "v3"}, enumerations lower case, a candidate's bootstrap interval is
 * {@code gainInterval: [low, high]} and a probe's Wilson interval {@code ci95: [low, high]}; an absent
 * {@code chosen}, {@code test}, {@code probes} or empty {@code afterWorkers} is left out, and v0's {@code parent}
 * is {@code null}.
 *
 * <p>Only the numbers differ with the reader: {@link Numbers#EXACT} (storage) writes every double in its shortest
 * exact decimal form, and NaN and the infinities, which JSON has no numbers for, as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}, so that {@link #read} gives back a value {@code equals} to the one
 * written; {@link Numbers#ROUNDED} (reports) rounds half-even to four places and writes a non-finite number as
 * {@code null}.
 *
 * <p>{@link #read} also reads the form the stores wrote before this one (integer versions, upper-case enumerations,
 * {@code gainLow}/{@code gainHigh}, {@code ciLow}/{@code ciHigh}, {@code null} for an absent {@code chosen}), so
 * memory databases written by earlier releases stay readable without a migration.
 */
public final class MemoryJson {

    /** How numbers are written. */
    public enum Numbers {
        /** every double exactly, non-finite ones as strings: for storage */
        EXACT,
        /** rounded half-even to four places, non-finite ones as {@code null}: for people and scripts */
        ROUNDED
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String STRING = "a string";
    private static final String INTEGER = "a whole number";
    private static final String LIST = "an array";
    private static final String OBJECT = "an object";
    private static final String NUMBER = "a number, \"NaN\", \"Infinity\" or \"-Infinity\"";

    private MemoryJson() {}

    /** The stored form of {@code memory}: compact, with exact numbers. */
    public static String write(RoutingMemory memory) {
        try {
            return MAPPER.writeValueAsString(tree(memory, Numbers.EXACT));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree built in memory must serialize", e);
        }
    }

    public static ObjectNode tree(RoutingMemory memory, Numbers numbers) {
        Writer out = new Writer(numbers);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", memory.version().toString());
        root.put("parent", memory.parent() == null ? null : memory.parent().toString());
        root.put("createdAt", memory.createdAt().toString());
        agents(root.putArray("validated"), memory.validated());
        root.set("gate", gate(memory.gate(), numbers));
        ArrayNode entries = root.putArray("entries");
        memory.entries().forEach(entry -> entries.add(entry(entry, numbers)));
        if (!memory.probes().isEmpty()) {
            ArrayNode probes = root.putArray("probes");
            memory.probes().forEach(probe -> out.probe(probes.addObject(), probe));
        }
        return root;
    }

    public static ObjectNode entry(MemoryEntry entry, Numbers numbers) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", entry.id().value());
        node.put("pattern", entry.pattern());
        node.put("rule", entry.rule());
        ArrayNode guidance = node.putArray("guidance");
        for (WorkerGuidance one : entry.guidance()) {
            ObjectNode item = guidance.addObject();
            item.put("worker", one.worker().value());
            item.put("stance", one.stance().name().toLowerCase(Locale.ROOT));
            if (!one.afterWorkers().isEmpty()) {
                agents(item.putArray("afterWorkers"), one.afterWorkers());
            }
        }
        ObjectNode evidence = node.putObject("evidence");
        evidence.put("successes", entry.evidence().successes());
        evidence.put("trials", entry.evidence().trials());
        ArrayNode traces = evidence.putArray("traces");
        entry.evidence().traces().forEach(traces::add);
        new Writer(numbers).number(node, "confidence", entry.confidence());
        return node;
    }

    public static ObjectNode gate(GateRecord gate, Numbers numbers) {
        Writer out = new Writer(numbers);
        ObjectNode node = MAPPER.createObjectNode();
        node.put("outcome", gate.outcome().name().toLowerCase(Locale.ROOT));
        node.put("reason", gate.reason());
        agents(node.putArray("onboarded"), gate.onboarded());
        out.number(node, "delta", gate.delta());
        out.number(node, "alpha", gate.alpha());
        node.put("evaluationTasks", gate.evaluationTasks());
        ArrayNode candidates = node.putArray("candidates");
        for (CandidateScore score : gate.candidates()) {
            ObjectNode item = candidates.addObject();
            item.put("name", score.name());
            item.put("entries", score.entries());
            out.number(item, "gain", score.gain());
            out.interval(item, "gainInterval", score.gainLow(), score.gainHigh());
            out.number(item, "kl", score.kl());
            item.put("withinTrustRegion", score.withinTrustRegion());
        }
        gate.chosen().ifPresent(chosen -> node.put("chosen", chosen));
        gate.test().ifPresent(test -> {
            ObjectNode item = node.putObject("test");
            item.put("candidate", test.candidate());
            item.put("look", test.look());
            item.put("looks", test.looks());
            item.put("tasks", test.tasks());
            out.number(item, "gain", test.gain());
            out.number(item, "lowerBound", test.lowerBound());
            out.number(item, "level", test.level());
        });
        return node;
    }

    /**
     * Reads a version written in this form, or in the stores' earlier one.
     *
     * @param source names the text in messages, such as {@code body of v3}
     * @throws InvalidInputException naming the field, its value and what is allowed, if {@code json} is not a memory
     *     version
     * @throws IllegalArgumentException if an id or version in it is malformed
     */
    public static RoutingMemory read(String json, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    source, "(document)", "not JSON: " + e.getOriginalMessage(), "a JSON object");
        }
        JsonField root = JsonField.root(source, tree).object("a JSON object");
        JsonField parent = root.get("parent");
        return new RoutingMemory(
                version(root.get("version")),
                parent.isPresent() ? version(parent) : null,
                agents(root.get("validated")),
                list(root.get("entries"), MemoryJson::readEntry),
                readGate(root.get("gate").object(OBJECT)),
                instant(root.get("createdAt")),
                list(root.get("probes"), MemoryJson::readProbe));
    }

    private static MemoryEntry readEntry(JsonField node) {
        JsonField evidence = node.get("evidence").object(OBJECT);
        return new MemoryEntry(
                MemoryEntryId.of(node.get("id").anyString(STRING)),
                node.get("pattern").anyString(STRING),
                node.get("rule").anyString(STRING),
                list(
                        node.get("guidance"),
                        item -> new WorkerGuidance(
                                AgentId.of(item.get("worker").anyString(STRING)),
                                stance(item.get("stance")),
                                item.get("afterWorkers").isPresent() ? agents(item.get("afterWorkers")) : List.of())),
                new Evidence(
                        list(evidence.get("traces"), trace -> trace.anyString(STRING)),
                        evidence.get("successes").integer(INTEGER),
                        evidence.get("trials").integer(INTEGER)),
                number(node.get("confidence")));
    }

    private static GateRecord readGate(JsonField node) {
        JsonField test = node.get("test");
        JsonField chosen = node.get("chosen");
        return new GateRecord(
                outcome(node.get("outcome")),
                node.get("reason").anyString(STRING),
                agents(node.get("onboarded")),
                number(node.get("delta")),
                number(node.get("alpha")),
                node.get("evaluationTasks").integer(INTEGER),
                list(node.get("candidates"), item -> {
                    double[] interval = interval(item, "gainInterval", "gainLow", "gainHigh");
                    return new CandidateScore(
                            item.get("name").anyString(STRING),
                            item.get("entries").integer(INTEGER),
                            number(item.get("gain")),
                            interval[0],
                            interval[1],
                            number(item.get("kl")),
                            item.get("withinTrustRegion").bool("true or false"));
                }),
                chosen.isPresent() ? Optional.of(chosen.anyString(STRING)) : Optional.empty(),
                test.isPresent() ? Optional.of(readTest(test.object(OBJECT))) : Optional.empty());
    }

    private static GateRecord.HoldoutTest readTest(JsonField test) {
        return new GateRecord.HoldoutTest(
                test.get("candidate").anyString(STRING),
                test.get("look").integer(INTEGER),
                test.get("looks").integer(INTEGER),
                test.get("tasks").integer(INTEGER),
                number(test.get("gain")),
                number(test.get("lowerBound")),
                number(test.get("level")));
    }

    private static Probe readProbe(JsonField node) {
        double[] ci = interval(node, "ci95", "ciLow", "ciHigh");
        return new Probe(
                AgentId.of(node.get("worker").anyString(STRING)),
                node.get("pattern").anyString(STRING),
                node.get("example").anyString(STRING),
                node.get("tasks").integer(INTEGER),
                node.get("successes").integer(INTEGER),
                node.get("trials").integer(INTEGER),
                ci[0],
                ci[1],
                number(node.get("meanReward")),
                node.get("incumbent").anyString(STRING),
                node.get("incumbentSuccesses").integer(INTEGER),
                node.get("incumbentTrials").integer(INTEGER));
    }

    /** {@code [low, high]} from {@code name}, or from the earlier form's two fields. */
    private static double[] interval(JsonField node, String name, String lowName, String highName) {
        JsonField pair = node.get(name);
        if (!pair.isPresent() && node.get(lowName).isPresent()) {
            return new double[] {number(node.get(lowName)), number(node.get(highName))};
        }
        List<JsonField> bounds = pair.array("[low, high]: two numbers");
        if (bounds.size() != 2) {
            throw pair.invalid("[low, high]: two numbers");
        }
        return new double[] {number(bounds.get(0)), number(bounds.get(1))};
    }

    /** {@code "v3"}, or the earlier form's {@code 3}. */
    private static MemoryVersion version(JsonField field) {
        JsonNode node = field.node();
        if (node != null && node.isIntegralNumber()) {
            return MemoryVersion.of(field.integer(INTEGER));
        }
        String text = field.anyString("a version such as \"v3\"");
        if (!text.matches("v[0-9]{1,9}")) {
            throw field.invalid("a version such as \"v3\"");
        }
        return MemoryVersion.parse(text);
    }

    private static Stance stance(JsonField field) {
        return named(field, Stance.values(), Stance::name);
    }

    private static GateRecord.Outcome outcome(JsonField field) {
        return named(field, GateRecord.Outcome.values(), GateRecord.Outcome::name);
    }

    /** An enumeration constant by its lower-case name, or the earlier form's upper-case one. */
    private static <E> E named(JsonField field, E[] values, Function<E, String> name) {
        String allowed = String.join(
                ", ",
                java.util.Arrays.stream(values)
                        .map(value -> name.apply(value).toLowerCase(Locale.ROOT))
                        .toList());
        String text = field.anyString(allowed);
        for (E value : values) {
            if (name.apply(value).equals(text)
                    || name.apply(value).toLowerCase(Locale.ROOT).equals(text)) {
                return value;
            }
        }
        throw field.invalid(allowed);
    }

    private static List<AgentId> agents(JsonField field) {
        return list(field, item -> AgentId.of(item.anyString(STRING)));
    }

    private static void agents(ArrayNode array, List<AgentId> agents) {
        agents.forEach(agent -> array.add(agent.value()));
    }

    /** An array, or nothing for an absent one. */
    private static <T> List<T> list(JsonField field, Function<JsonField, T> item) {
        return field.optionalArray(LIST).stream().map(item).toList();
    }

    private static Instant instant(JsonField field) {
        String text = field.anyString("an ISO-8601 instant");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw field.invalid("an ISO-8601 instant");
        }
    }

    private static double number(JsonField field) {
        JsonNode value = field.node();
        if (value != null && value.isNumber()) {
            return value.doubleValue();
        }
        return switch (value != null && value.isTextual() ? value.textValue() : "") {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw field.invalid(NUMBER);
        };
    }

    /** Writes numbers as {@link #numbers} says. */
    private record Writer(Numbers numbers) {

        void number(ObjectNode node, String name, double value) {
            if (numbers == Numbers.ROUNDED) {
                node.put(name, rounded(value));
            } else if (Double.isFinite(value)) {
                node.put(name, value);
            } else {
                node.put(name, Double.toString(value));
            }
        }

        void interval(ObjectNode node, String name, double low, double high) {
            ArrayNode pair = node.putArray(name);
            add(pair, low);
            add(pair, high);
        }

        private void add(ArrayNode array, double value) {
            if (numbers == Numbers.ROUNDED) {
                array.add(rounded(value));
            } else if (Double.isFinite(value)) {
                array.add(value);
            } else {
                array.add(Double.toString(value));
            }
        }

        void probe(ObjectNode node, Probe probe) {
            node.put("worker", probe.worker().value());
            node.put("pattern", probe.pattern());
            node.put("example", probe.example());
            node.put("tasks", probe.tasks());
            node.put("successes", probe.successes());
            node.put("trials", probe.trials());
            interval(node, "ci95", probe.ciLow(), probe.ciHigh());
            number(node, "meanReward", probe.meanReward());
            node.put("incumbent", probe.incumbent());
            node.put("incumbentSuccesses", probe.incumbentSuccesses());
            node.put("incumbentTrials", probe.incumbentTrials());
        }

        /** Half-even to four places, trailing zeros dropped; {@code null} for a non-finite number. */
        private static @Nullable BigDecimal rounded(double value) {
            return Double.isFinite(value)
                    ? BigDecimal.valueOf(value)
                            .setScale(4, RoundingMode.HALF_EVEN)
                            .stripTrailingZeros()
                    : null;
        }
    }
}
