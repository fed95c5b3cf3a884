package dev.monoscale.replay;

import static dev.monoscale.replay.Parsing.boxed;
import static dev.monoscale.replay.Parsing.field;
import static dev.monoscale.replay.Parsing.firstJsonObject;
import static dev.monoscale.replay.Parsing.forEachLine;
import static dev.monoscale.replay.Parsing.hasAll;
import static dev.monoscale.replay.Parsing.parseJsonLine;
import static dev.monoscale.replay.Parsing.quote;
import static dev.monoscale.replay.Parsing.textField;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.cards.JsonField;
import dev.monoscale.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The generic layout (docs/replay-format.md): one {@code *.jsonl} file of rows
 * {@code {"id", "split": "dev"|"test", "text", "task"?, "scores": {model: score|null}, "cost"?: {model: cost|null},
 * "outputTokens"?: {model: tokens|null}}}, optionally after a header line
 * {@code {"format": "monoscale-replay", "costUnit": "..."}}. Costs need the header's unit; without costs, the output
 * tokens are the cost, in output tokens. Models are ordered by first appearance; unknown fields are ignored.
 */
final class GenericReader implements DatasetReader {

    static final String FORMAT = "monoscale-replay";
    static final String TOKENS_UNIT = "output tokens";

    @Override
    public String layout() {
        return "generic";
    }

    @Override
    public String requires() {
        return "one *.jsonl file of {id, split, text, scores} rows, optionally after a header line"
                + " {\"format\": \"monoscale-replay\"} (generic, docs/replay-format.md)";
    }

    @Override
    public boolean recognises(Path dir) {
        return !files(dir).isEmpty();
    }

    /** The folder's {@code *.jsonl} files whose first line is a generic header or row, by name. */
    static List<Path> files(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(file -> file.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(file))
                    .filter(file -> firstJsonObject(file)
                            .filter(GenericReader::headerOrRow)
                            .isPresent())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean headerOrRow(JsonNode first) {
        return first.has("format") || hasAll(first, "id", "split", "text", "scores");
    }

    @Override
    public Read read(Path dir) {
        List<Path> files = files(dir);
        if (files.size() != 1) {
            throw new InvalidInputException(
                    dir.toString(),
                    "(files)",
                    files.stream()
                            .map(file -> file.getFileName().toString())
                            .toList()
                            .toString(),
                    "exactly one *.jsonl file in the generic layout");
        }
        Path file = files.getFirst();
        Set<String> models = new LinkedHashSet<>();
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<ReplayQuestion> questions = new ArrayList<>();
        @Nullable String[] costUnit = new String[1];
        boolean[] first = {true};
        forEachLine(file, (lineNo, line) -> {
            JsonNode row = parseJsonLine(file, lineNo, line);
            boolean isFirst = first[0];
            first[0] = false;
            if (isFirst && row.has("format")) {
                costUnit[0] = header(file, lineNo, row);
                return;
            }
            String where = "line " + lineNo;
            String id = id(file, where, row);
            Integer before = seen.putIfAbsent(id, lineNo);
            if (before != null) {
                throw new InvalidInputException(
                        file.toString(),
                        where + ", id",
                        quote(id),
                        "an id not used before (first used on line " + before + ")");
            }
            String split = textField(file, where, row, "split");
            if (!split.equals("dev") && !split.equals("test")) {
                throw new InvalidInputException(file.toString(), where + ", split", quote(split), "dev or test");
            }
            String text = textField(file, where, row, "text");
            if (text.isBlank()) {
                throw new InvalidInputException(file.toString(), where + ", text", quote(text), "a non-blank question");
            }
            JsonField task = field(file, where, row, "task");
            String label =
                    task.isPresent() ? task.anyString("a string label (read by baselines only), null or no field") : "";
            Map<String, Double> scores = scores(file, where, row, names, models);
            Map<String, Double> cost = new HashMap<>();
            if (row.get("cost") != null) {
                if (costUnit[0] == null) {
                    throw field(file, where, row, "cost")
                            .invalid("a cost only after a first line {\"format\": \"" + FORMAT
                                    + "\", \"costUnit\": \"...\"} naming its unit");
                }
                perModel(file, where, "cost", row, false, cost);
            }
            if (row.get("outputTokens") != null) {
                Map<String, Double> counted = new HashMap<>();
                perModel(file, where, "outputTokens", row, true, counted);
                if (costUnit[0] == null) {
                    cost.putAll(counted);
                }
            }
            String category = label.isEmpty() ? "" : names.computeIfAbsent(label, t -> t);
            questions.add(
                    new ReplayQuestion(id, text, category, split.equals("dev") ? Split.DEV : Split.TEST, scores, cost));
        });
        String declared = costUnit[0];
        Optional<String> unit = declared != null
                ? Optional.of(declared)
                : questions.stream().anyMatch(q -> !q.cost().isEmpty()) ? Optional.of(TOKENS_UNIT) : Optional.empty();
        return new Read(List.copyOf(models), questions, unit);
    }

    /** The header line; returns its cost unit, or null without one. */
    private static @Nullable String header(Path file, int lineNo, JsonNode row) {
        String where = "line " + lineNo;
        JsonField format = field(file, where, row, "format");
        if (!FORMAT.equals(format.anyString("\"" + FORMAT + "\""))) {
            throw format.invalid("\"" + FORMAT + "\"");
        }
        JsonField version = field(file, where, row, "version");
        if (version.node() != null) {
            version.integer(1, 1, "1");
        }
        JsonField unit = field(file, where, row, "costUnit");
        return unit.node() == null ? null : unit.nonBlankString("a non-blank name of the cost unit, such as \"USD\"");
    }

    private static String id(Path file, String where, JsonNode row) {
        JsonField id = field(file, where, row, "id");
        JsonNode node = id.node();
        if (node != null && node.isTextual() && !node.textValue().isBlank()) {
            return node.textValue();
        }
        if (node != null && node.isIntegralNumber()) {
            return node.asText();
        }
        throw id.invalid("a non-blank string or a whole number");
    }

    private static Map<String, Double> scores(
            Path file, String where, JsonNode row, Map<String, String> names, Set<String> models) {
        JsonField node = field(file, where, row, "scores");
        if (!node.isPresent() || !node.value().isObject() || node.value().isEmpty()) {
            throw node.invalid("a non-empty object of model id to score in [0, 1] or null (not run)");
        }
        Map<String, Double> scores = new HashMap<>();
        for (Map.Entry<String, JsonField> entry : node.members().entrySet()) {
            String model = names.computeIfAbsent(entry.getKey(), m -> m);
            if (model.isBlank()) {
                throw new InvalidInputException(file.toString(), node.path(), quote(model), "a non-blank model id");
            }
            models.add(model);
            if (entry.getValue().isPresent()) {
                scores.put(model, boxed(entry.getValue().number(0, 1, "null (not run) or a number in [0, 1]")));
            }
        }
        return scores;
    }

    /** A per-model object of non-negative numbers (whole numbers if {@code whole}); models must be scored here. */
    private static void perModel(
            Path file, String where, String name, JsonNode row, boolean whole, Map<String, Double> into) {
        String allowed = whole ? "null or a whole number >= 0" : "null or a finite number >= 0";
        JsonField node = field(file, where, row, name).object("an object of model id to " + allowed);
        JsonNode scores = row.get("scores");
        node.members().forEach((model, value) -> {
            if (!scores.has(model)) {
                throw new InvalidInputException(
                        file.toString(), value.path(), quote(model), "a model of this line's scores");
            }
            if (value.isPresent()) {
                double number = whole
                        ? value.integer(0, Integer.MAX_VALUE, allowed)
                        : value.number(0, Double.MAX_VALUE, allowed);
                into.put(model, number);
            }
        });
    }
}
