package dev.monoscale.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.monoscale.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Loads a replay dataset from its directory, keeping only the clean rows its README defines.
 *
 * <p>The format is detected from the files present:
 * <ol>
 *   <li><b>mmlu-pro-routing</b> ({@code questions.jsonl} + {@code outcomes.csv}, optional {@code output_chars.csv}):
 *       rows with {@code key_conflict = 1} are dropped; dev is {@code question_id % 5 == 0}, test the rest. The
 *       text is the question followed by its options, one per line as {@code "A. ..."}. The cost is the model's
 *       output length in characters from {@code output_chars.csv}.
 *   <li><b>llmrouter-14task</b> ({@code queries_scores.jsonl}, optional {@code llm_candidates.json}): dev is split
 *       {@code train}; test is split {@code test} without {@code test_query_also_in_train}, so the leaked test
 *       queries are dropped. Fractional commongen scores stay fractional. The cost, in US dollars, is
 *       {@code (input_price × query_chars / 4 + output_price × 256) / 1e6} with the $/Mtok list prices of
 *       {@code llm_candidates.json}: about four characters per token, and an assumed 256 output tokens because
 *       the data records no output length. Models are ordered by name, as in {@code scores.csv}.
 * </ol>
 * The stages come from {@code stages_and_anchors.json}. Every malformed row, unknown id or unknown model is an
 * {@link InvalidInputException} naming the file, the line (and column) and the value.
 */
public final class ReplayDatasets {

    /** The stages file each dataset directory ships. */
    public static final String STAGES_FILE = "stages_and_anchors.json";

    /** Output length assumed for every llmrouter-14task answer when estimating its cost. */
    public static final int ASSUMED_OUTPUT_TOKENS = 256;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Double ZERO = 0.0;
    private static final Double ONE = 1.0;
    private static final String SCORE_ALLOWED = "0, 1, empty (no record) or a number in [0, 1]";

    private ReplayDatasets() {}

    /** Loads the dataset in {@code dir} with the stages of {@code dir/stages_and_anchors.json}. */
    public static ReplayDataset load(Path dir) {
        return load(dir, dir.resolve(STAGES_FILE));
    }

    public static ReplayDataset load(Path dir, Path stagesFile) {
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        Loaded loaded;
        if (Files.isRegularFile(dir.resolve("questions.jsonl")) && Files.isRegularFile(dir.resolve("outcomes.csv"))) {
            loaded = loadMmlu(dir);
        } else if (Files.isRegularFile(dir.resolve("queries_scores.jsonl"))) {
            loaded = loadLlmRouter(dir);
        } else {
            throw new InvalidInputException(dir.toString(), "(files)", "no known data files",
                    "questions.jsonl + outcomes.csv (mmlu-pro-routing) or queries_scores.jsonl (llmrouter-14task)");
        }
        List<ReplayStage> stages = loadStages(stagesFile, name, loaded.models());
        return new ReplayDataset(name, loaded.models(), loaded.questions(), stages);
    }

    private record Loaded(List<String> models, List<ReplayQuestion> questions) {}

    // ---------------------------------------------------------------- mmlu-pro-routing

    /** One row of outcomes.csv, kept until questions.jsonl supplies the text. */
    private record OutcomeRow(int line, String category, boolean keyConflict, Map<String, Double> scores) {}

    private static Loaded loadMmlu(Path dir) {
        Path outcomesFile = dir.resolve("outcomes.csv");
        List<String> models = new ArrayList<>();
        Map<Integer, OutcomeRow> outcomes = readOutcomes(outcomesFile, models);

        Path charsFile = dir.resolve("output_chars.csv");
        Map<Integer, Map<String, Double>> costs = Files.isRegularFile(charsFile)
                ? readOutputChars(charsFile, models, outcomes, outcomesFile)
                : Map.of();

        Path questionsFile = dir.resolve("questions.jsonl");
        Map<String, String> categories = new HashMap<>();
        List<ReplayQuestion> questions = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        forEachLine(questionsFile, (lineNo, line) -> {
            JsonNode row = parseJsonLine(questionsFile, lineNo, line);
            String where = "line " + lineNo;
            int id = intField(questionsFile, where, row, "question_id");
            OutcomeRow outcome = outcomes.get(id);
            if (outcome == null) {
                throw new InvalidInputException(questionsFile.toString(), where + ", question_id", Integer.toString(id),
                        "an id present in " + outcomesFile);
            }
            if (seen.putIfAbsent(id, lineNo) != null) {
                throw new InvalidInputException(questionsFile.toString(), where + ", question_id", Integer.toString(id),
                        "an id not used before (first used on line " + seen.get(id) + ")");
            }
            String category = textField(questionsFile, where, row, "category");
            if (!category.equals(outcome.category())) {
                throw new InvalidInputException(questionsFile.toString(), where + ", category", quote(category),
                        quote(outcome.category()) + " as on line " + outcome.line() + " of " + outcomesFile);
            }
            int keyConflict = intField(questionsFile, where, row, "key_conflict");
            if (keyConflict != (outcome.keyConflict() ? 1 : 0)) {
                throw new InvalidInputException(questionsFile.toString(), where + ", key_conflict",
                        Integer.toString(keyConflict),
                        (outcome.keyConflict() ? "1" : "0") + " as on line " + outcome.line() + " of " + outcomesFile);
            }
            if (outcome.keyConflict()) {
                return;
            }
            String text = mmluText(questionsFile, where, row);
            Split split = id % 5 == 0 ? Split.DEV : Split.TEST;
            questions.add(new ReplayQuestion(Integer.toString(id), text,
                    categories.computeIfAbsent(category, c -> c), split, outcome.scores(),
                    costs.getOrDefault(id, Map.of())));
        });
        outcomes.forEach((id, row) -> {
            if (!seen.containsKey(id)) {
                throw new InvalidInputException(outcomesFile.toString(), "line " + row.line() + ", question_id",
                        Integer.toString(id), "an id present in " + questionsFile);
            }
        });
        return new Loaded(models, questions);
    }

    private static Map<Integer, OutcomeRow> readOutcomes(Path file, List<String> models) {
        Map<Integer, OutcomeRow> rows = new LinkedHashMap<>();
        Map<String, String> categories = new HashMap<>();
        String[][] header = new String[1][];
        forEachLine(file, (lineNo, line) -> {
            String[] cells = line.split(",", -1);
            if (header[0] == null) {
                requireHeaderStart(file, cells, "question_id", "category", "key_conflict");
                header[0] = cells;
                models.addAll(modelColumns(file, cells, 3));
                return;
            }
            String[] columns = header[0];
            requireColumnCount(file, lineNo, cells, columns.length);
            int id = parseId(file, lineNo, cells[0]);
            String keyConflict = cells[2];
            if (!keyConflict.equals("0") && !keyConflict.equals("1")) {
                throw new InvalidInputException(file.toString(), "line " + lineNo + ", column key_conflict",
                        quote(keyConflict), "0 or 1");
            }
            Map<String, Double> scores = new HashMap<>();
            for (int c = 3; c < cells.length; c++) {
                Double score = parseScore(file, lineNo, columns[c], cells[c]);
                if (score != null) {
                    scores.put(columns[c], score);
                }
            }
            OutcomeRow row = new OutcomeRow(lineNo, categories.computeIfAbsent(cells[1], c -> c),
                    keyConflict.equals("1"), Map.copyOf(scores));
            OutcomeRow before = rows.putIfAbsent(id, row);
            if (before != null) {
                throw new InvalidInputException(file.toString(), "line " + lineNo + ", column question_id",
                        Integer.toString(id), "an id not used before (first used on line " + before.line() + ")");
            }
        });
        if (header[0] == null) {
            throw InvalidInputException.missing(file.toString(), "line 1", "a header row");
        }
        return rows;
    }

    private static Map<Integer, Map<String, Double>> readOutputChars(
            Path file, List<String> models, Map<Integer, OutcomeRow> outcomes, Path outcomesFile) {
        Map<Integer, Map<String, Double>> costs = new HashMap<>();
        Map<Integer, Integer> lines = new HashMap<>();
        String[][] header = new String[1][];
        forEachLine(file, (lineNo, line) -> {
            String[] cells = line.split(",", -1);
            if (header[0] == null) {
                requireHeaderStart(file, cells, "question_id");
                for (int c = 1; c < cells.length; c++) {
                    if (!models.contains(cells[c])) {
                        throw new InvalidInputException(file.toString(), "line 1, column " + (c + 1), quote(cells[c]),
                                "a model column of " + outcomesFile);
                    }
                }
                header[0] = cells;
                return;
            }
            String[] columns = header[0];
            requireColumnCount(file, lineNo, cells, columns.length);
            int id = parseId(file, lineNo, cells[0]);
            if (!outcomes.containsKey(id)) {
                throw new InvalidInputException(file.toString(), "line " + lineNo + ", column question_id",
                        Integer.toString(id), "an id present in " + outcomesFile);
            }
            Integer before = lines.putIfAbsent(id, lineNo);
            if (before != null) {
                throw new InvalidInputException(file.toString(), "line " + lineNo + ", column question_id",
                        Integer.toString(id), "an id not used before (first used on line " + before + ")");
            }
            Map<String, Double> cost = new HashMap<>();
            for (int c = 1; c < cells.length; c++) {
                String cell = cells[c];
                if (cell.isEmpty()) {
                    continue;
                }
                int chars;
                try {
                    chars = Integer.parseInt(cell);
                } catch (NumberFormatException e) {
                    chars = -1;
                }
                if (chars < 0) {
                    throw new InvalidInputException(file.toString(), "line " + lineNo + ", column " + columns[c],
                            quote(cell), "empty or a whole number of characters >= 0");
                }
                cost.put(columns[c], (double) chars);
            }
            costs.put(id, Map.copyOf(cost));
        });
        outcomes.forEach((id, row) -> {
            if (!lines.containsKey(id)) {
                throw new InvalidInputException(outcomesFile.toString(), "line " + row.line() + ", question_id",
                        Integer.toString(id), "an id present in " + file);
            }
        });
        return costs;
    }

    private static String mmluText(Path file, String where, JsonNode row) {
        String question = textField(file, where, row, "question");
        JsonNode options = row.get("options");
        if (options == null || !options.isArray() || options.isEmpty() || options.size() > 26) {
            throw new InvalidInputException(file.toString(), where + ", options", options == null ? "(missing)"
                    : abbreviate(options.toString()), "an array of 1 to 26 option strings");
        }
        StringBuilder text = new StringBuilder(question.length() + 64 * options.size()).append(question);
        for (int i = 0; i < options.size(); i++) {
            JsonNode option = options.get(i);
            if (!option.isTextual()) {
                throw new InvalidInputException(file.toString(), where + ", options[" + i + "]",
                        abbreviate(option.toString()), "a string");
            }
            text.append('\n').append((char) ('A' + i)).append(". ").append(option.textValue());
        }
        return text.toString();
    }

    // ---------------------------------------------------------------- llmrouter-14task

    private static Loaded loadLlmRouter(Path dir) {
        Path file = dir.resolve("queries_scores.jsonl");
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
                throw new InvalidInputException(file.toString(), where + ", id", quote(id),
                        "an id not used before (first used on line " + before + ")");
            }
            String split = textField(file, where, row, "split");
            if (!split.equals("train") && !split.equals("test")) {
                throw new InvalidInputException(file.toString(), where + ", split", quote(split), "train or test");
            }
            JsonNode leaked = row.get("test_query_also_in_train");
            if (leaked == null || !leaked.isBoolean()) {
                throw new InvalidInputException(file.toString(), where + ", test_query_also_in_train",
                        leaked == null ? "(missing)" : abbreviate(leaked.toString()), "true or false");
            }
            String category = textField(file, where, row, "task_name");
            String query = textField(file, where, row, "query");
            JsonNode scoresNode = row.get("scores");
            if (scoresNode == null || !scoresNode.isObject()) {
                throw new InvalidInputException(file.toString(), where + ", scores",
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
                    throw new InvalidInputException(file.toString(), where + ", scores." + model,
                            abbreviate(value.toString()), "null (no record) or a number in [0, 1]");
                }
                scores.put(model, boxed(score));
            }
            if (split.equals("test") && leaked.booleanValue()) {
                return;
            }
            rows.add(new Row(id, query, names.computeIfAbsent(category, c -> c),
                    split.equals("train") ? Split.DEV : Split.TEST, Map.copyOf(scores)));
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
        return new Loaded(modelList, questions);
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
            prices.put(model, new double[] {price(file, candidate, model, "input_price"),
                price(file, candidate, model, "output_price")});
        }
        return prices;
    }

    private static double price(Path file, JsonNode candidate, String model, String field) {
        JsonNode value = candidate.get(field);
        double price = value != null && value.isNumber() ? value.doubleValue() : Double.NaN;
        if (!(price >= 0.0) || Double.isInfinite(price)) {
            throw new InvalidInputException(file.toString(), model + "." + field,
                    value == null ? "(missing)" : abbreviate(value.toString()), "a price in $/Mtok >= 0");
        }
        return price;
    }

    // ---------------------------------------------------------------- stages

    private static List<ReplayStage> loadStages(Path file, String dataset, List<String> models) {
        JsonNode stagesNode = readJsonFile(file).get("stages");
        if (stagesNode == null || !stagesNode.isArray() || stagesNode.isEmpty()) {
            throw new InvalidInputException(file.toString(), "stages",
                    stagesNode == null ? "(missing)" : abbreviate(stagesNode.toString()), "a non-empty array of stages");
        }
        String allowed = "a model of " + dataset + ": " + String.join(", ", models);
        List<ReplayStage> stages = new ArrayList<>();
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < stagesNode.size(); i++) {
            JsonNode stage = stagesNode.get(i);
            String where = "stages[" + i + "]";
            JsonNode added = stage.get("added");
            if (added == null || !added.isArray() || added.isEmpty()) {
                throw new InvalidInputException(file.toString(), where + ".added",
                        added == null ? "(missing)" : abbreviate(added.toString()), "a non-empty array of model names");
            }
            List<String> names = new ArrayList<>();
            for (int j = 0; j < added.size(); j++) {
                JsonNode model = added.get(j);
                String modelName = model.isTextual() ? model.textValue() : null;
                if (modelName == null || !models.contains(modelName)) {
                    throw new InvalidInputException(file.toString(), where + ".added[" + j + "]",
                            modelName == null ? abbreviate(model.toString()) : quote(modelName), allowed);
                }
                if (pool.contains(modelName) || names.contains(modelName)) {
                    throw new InvalidInputException(file.toString(), where + ".added[" + j + "]", quote(modelName),
                            "a model not already in the pool " + pool);
                }
                names.add(modelName);
            }
            pool.addAll(names);
            JsonNode best = stage.get("best_single_chosen_on_dev");
            if (best == null || !best.isArray() || best.size() != 2 || !best.get(0).isTextual()
                    || !pool.contains(best.get(0).textValue())) {
                throw new InvalidInputException(file.toString(), where + ".best_single_chosen_on_dev",
                        best == null ? "(missing)" : abbreviate(best.toString()),
                        "[model, score] with a model of the pool " + pool);
            }
            Anchors anchors = new Anchors(
                    unit(file, where + ".random_router", stage.get("random_router")),
                    best.get(0).textValue(),
                    unit(file, where + ".best_single_chosen_on_dev[1]", best.get(1)),
                    unit(file, where + ".category_router_fit_on_dev", stage.get("category_router_fit_on_dev")),
                    unit(file, where + ".oracle", stage.get("oracle")));
            stages.add(new ReplayStage(i, names, anchors));
        }
        return stages;
    }

    private static double unit(Path file, String field, JsonNode value) {
        double number = value != null && value.isNumber() ? value.doubleValue() : Double.NaN;
        if (!(number >= 0.0 && number <= 1.0)) {
            throw new InvalidInputException(file.toString(), field,
                    value == null ? "(missing)" : abbreviate(value.toString()), "a number in [0, 1]");
        }
        return number;
    }

    // ---------------------------------------------------------------- shared parsing

    @FunctionalInterface
    private interface LineHandler {
        void accept(int lineNo, String line);
    }

    /** Calls {@code handler} for every non-blank line, numbered from 1. */
    private static void forEachLine(Path file, LineHandler handler) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (!line.isBlank()) {
                    handler.accept(lineNo, line);
                }
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), "(file)", "(not found)", "an existing file");
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "(file)", "unreadable: " + e.getMessage(),
                    "a readable UTF-8 file");
        }
    }

    private static JsonNode readJsonFile(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw new InvalidInputException(file.toString(), "(file)", "not a JSON object", "a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file.toString(), "(file)", "not JSON: " + e.getOriginalMessage(),
                    "a JSON object");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), "(file)", "(not found)", "an existing JSON file");
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "(file)", "unreadable: " + e.getMessage(),
                    "a readable UTF-8 file");
        }
    }

    private static JsonNode parseJsonLine(Path file, int lineNo, String line) {
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            row = null;
        }
        if (row == null || !row.isObject()) {
            throw new InvalidInputException(file.toString(), "line " + lineNo, quote(line), "one JSON object per line");
        }
        return row;
    }

    private static String textField(Path file, String where, JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidInputException(file.toString(), where + ", " + field,
                    value == null ? "(missing)" : abbreviate(value.toString()), "a string");
        }
        return value.textValue();
    }

    private static int intField(Path file, String where, JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new InvalidInputException(file.toString(), where + ", " + field,
                    value == null ? "(missing)" : abbreviate(value.toString()), "an integer");
        }
        return value.intValue();
    }

    private static void requireHeaderStart(Path file, String[] cells, String... expected) {
        if (cells.length <= expected.length - 1
                || !Arrays.asList(cells).subList(0, expected.length).equals(Arrays.asList(expected))) {
            throw new InvalidInputException(file.toString(), "line 1", quote(abbreviate(String.join(",", cells))),
                    "a header starting with " + String.join(",", expected));
        }
    }

    private static List<String> modelColumns(Path file, String[] header, int first) {
        List<String> models = new ArrayList<>();
        for (int c = first; c < header.length; c++) {
            if (header[c].isEmpty() || models.contains(header[c])) {
                throw new InvalidInputException(file.toString(), "line 1, column " + (c + 1), quote(header[c]),
                        "a distinct, non-empty model name");
            }
            models.add(header[c]);
        }
        return models;
    }

    private static void requireColumnCount(Path file, int lineNo, String[] cells, int expected) {
        if (cells.length != expected) {
            throw new InvalidInputException(file.toString(), "line " + lineNo,
                    String.format(Locale.ROOT, "%d columns", cells.length),
                    String.format(Locale.ROOT, "%d columns, as in the header", expected));
        }
    }

    private static int parseId(Path file, int lineNo, String cell) {
        try {
            int id = Integer.parseInt(cell);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(file.toString(), "line " + lineNo + ", column question_id", quote(cell),
                "an integer >= 0");
    }

    private static Double parseScore(Path file, int lineNo, String column, String cell) {
        switch (cell) {
            case "" -> {
                return null;
            }
            case "0" -> {
                return ZERO;
            }
            case "1" -> {
                return ONE;
            }
            default -> {
                double score;
                try {
                    score = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    score = Double.NaN;
                }
                if (!(score >= 0.0 && score <= 1.0)) {
                    throw new InvalidInputException(file.toString(), "line " + lineNo + ", column " + column,
                            quote(cell), SCORE_ALLOWED);
                }
                return boxed(score);
            }
        }
    }

    /** Shares the boxes of the two scores nearly every cell holds. */
    private static Double boxed(double score) {
        return score == 0.0 ? ZERO : score == 1.0 ? ONE : Double.valueOf(score);
    }

    private static String quote(String value) {
        return "'" + abbreviate(value) + "'";
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
