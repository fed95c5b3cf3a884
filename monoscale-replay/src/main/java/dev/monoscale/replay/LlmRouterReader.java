package dev.monoscale.replay;

import static dev.monoscale.replay.Parsing.abbreviate;
import static dev.monoscale.replay.Parsing.boxed;
import static dev.monoscale.replay.Parsing.firstJsonObject;
import static dev.monoscale.replay.Parsing.forEachLine;
import static dev.monoscale.replay.Parsing.hasAll;
import static dev.monoscale.replay.Parsing.parseJsonLine;
import static dev.monoscale.replay.Parsing.quote;
import static dev.monoscale.replay.Parsing.readJsonFile;
import static dev.monoscale.replay.Parsing.textField;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The llmrouter-14task layout: {@code queries_scores.jsonl}, optional {@code llm_candidates.json}. Dev is split
 * {@code train}; test is split {@code test} without {@code test_query_also_in_train}, so the leaked test queries are
 * dropped. Fractional commongen scores stay fractional. The cost, in US dollars, is
 * {@code (input_price × query_chars / 4 + output_price × 256) / 1e6} with the $/Mtok list prices of
 * {@code llm_candidates.json}: about four characters per token, and an assumed 256 output tokens because the data
 * records no output length. Models are ordered by name, as in {@code scores.csv}.
 */
final class LlmRouterReader implements DatasetReader {

    static final String FILE = "queries_scores.jsonl";
    static final String COST_UNIT = "US dollars (estimated from list prices)";

    /** Output length assumed for every answer when estimating its cost. */
    static final int ASSUMED_OUTPUT_TOKENS = ReplayDatasets.ASSUMED_OUTPUT_TOKENS;

    @Override
    public String layout() {
        return "llmrouter-14task";
    }

    @Override
    public String requires() {
        return "queries_scores.jsonl with id/split/query/task_name/scores/test_query_also_in_train rows (llmrouter-14task)";
    }

    /** queries_scores.jsonl's first row has the layout's fields. */
    @Override
    public boolean recognises(Path dir) {
        Path file = dir.resolve(FILE);
        return Files.isRegularFile(file)
                && firstJsonObject(file)
                        .filter(row ->
                                hasAll(row, "id", "split", "query", "task_name", "scores", "test_query_also_in_train"))
                        .isPresent();
    }

    @Override
    public Read read(Path dir) {
        Path file = dir.resolve(FILE);
        record Row(String id, String text, String category, Split split, Map<String, Double> scores) {}
        List<Row> rows = new ArrayList<>();
        TreeSet<String> models = new TreeSet<>();
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        forEachLine(file, (lineNo, line) -> {
            JsonNode row = parseJsonLine(file, lineNo, line);
            String where = "line " + lineNo;
            String id = textField(file, where, row, "id");
            Integer before = seen.putIfAbsent(id, lineNo);
            if (before != null) {
                throw new InvalidInputException(
                        file.toString(),
                        where + ", id",
                        quote(id),
                        "an id not used before (first used on line " + before + ")");
            }
            String split = textField(file, where, row, "split");
            if (!split.equals("train") && !split.equals("test")) {
                throw new InvalidInputException(file.toString(), where + ", split", quote(split), "train or test");
            }
            JsonNode leaked = row.get("test_query_also_in_train");
            if (leaked == null || !leaked.isBoolean()) {
                throw new InvalidInputException(
                        file.toString(),
                        where + ", test_query_also_in_train",
                        leaked == null ? "(missing)" : abbreviate(leaked.toString()),
                        "true or false");
            }
            String category = textField(file, where, row, "task_name");
            String query = textField(file, where, row, "query");
            JsonNode scoresNode = row.get("scores");
            if (scoresNode == null || !scoresNode.isObject()) {
                throw new InvalidInputException(
                        file.toString(),
                        where + ", scores",
                        scoresNode == null ? "(missing)" : abbreviate(scoresNode.toString()),
                        "an object of model name to score");
            }
            Map<String, Double> scores = new HashMap<>();
            for (Map.Entry<String, JsonNode> entry : scoresNode.properties()) {
                String model = names.computeIfAbsent(entry.getKey(), m -> m);
                models.add(model);
                JsonNode value = entry.getValue();
                if (value.isNull()) {
                    continue;
                }
                double score = value.isNumber() ? value.doubleValue() : Double.NaN;
                if (!(score >= 0.0 && score <= 1.0)) {
                    throw new InvalidInputException(
                            file.toString(),
                            where + ", scores." + model,
                            abbreviate(value.toString()),
                            "null (no record) or a number in [0, 1]");
                }
                scores.put(model, boxed(score));
            }
            if (split.equals("test") && leaked.booleanValue()) {
                return;
            }
            rows.add(new Row(
                    id,
                    query,
                    names.computeIfAbsent(category, c -> c),
                    split.equals("train") ? Split.DEV : Split.TEST,
                    Map.copyOf(scores)));
        });
        List<String> modelList = List.copyOf(models);
        Map<String, double[]> prices = readPrices(dir.resolve("llm_candidates.json"), modelList);
        List<ReplayQuestion> questions = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Map<String, Double> cost = new HashMap<>();
            double inputTokens = row.text().length() / 4.0;
            prices.forEach((model, price) ->
                    cost.put(model, (price[0] * inputTokens + price[1] * ASSUMED_OUTPUT_TOKENS) / 1e6));
            questions.add(new ReplayQuestion(row.id(), row.text(), row.category(), row.split(), row.scores(), cost));
        }
        return new Read(modelList, questions, prices.isEmpty() ? Optional.empty() : Optional.of(COST_UNIT));
    }

    /** Input and output $/Mtok of each scored model that llm_candidates.json prices; empty if the file is absent. */
    private static Map<String, double[]> readPrices(Path file, List<String> models) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode root = readJsonFile(file);
        Map<String, double[]> prices = new HashMap<>();
        for (String model : models) {
            JsonNode candidate = root.get(model);
            if (candidate == null) {
                continue;
            }
            prices.put(model, new double[] {
                price(file, candidate, model, "input_price"), price(file, candidate, model, "output_price")
            });
        }
        return prices;
    }

    private static double price(Path file, JsonNode candidate, String model, String field) {
        JsonNode value = candidate.get(field);
        double price = value != null && value.isNumber() ? value.doubleValue() : Double.NaN;
        if (!(price >= 0.0) || Double.isInfinite(price)) {
            throw new InvalidInputException(
                    file.toString(),
                    model + "." + field,
                    value == null ? "(missing)" : abbreviate(value.toString()),
                    "a price in $/Mtok >= 0");
        }
        return price;
    }
}
