package dev.monoscale.replay;

import static dev.monoscale.replay.Parsing.abbreviate;
import static dev.monoscale.replay.Parsing.firstJsonObject;
import static dev.monoscale.replay.Parsing.firstLine;
import static dev.monoscale.replay.Parsing.forEachLine;
import static dev.monoscale.replay.Parsing.hasAll;
import static dev.monoscale.replay.Parsing.intField;
import static dev.monoscale.replay.Parsing.modelColumns;
import static dev.monoscale.replay.Parsing.parseId;
import static dev.monoscale.replay.Parsing.parseJsonLine;
import static dev.monoscale.replay.Parsing.parseScore;
import static dev.monoscale.replay.Parsing.quote;
import static dev.monoscale.replay.Parsing.requireColumnCount;
import static dev.monoscale.replay.Parsing.requireHeaderStart;
import static dev.monoscale.replay.Parsing.textField;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mmlu-pro-routing layout: {@code questions.jsonl} + {@code outcomes.csv}, optional {@code output_chars.csv}.
 * Rows with {@code key_conflict = 1} are dropped; dev is {@code question_id % 5 == 0}, test the rest. The text is the
 * question followed by its options, one per line as {@code "A. ..."}. The cost is the model's output length in
 * characters from {@code output_chars.csv}.
 */
final class MmluProReader implements DatasetReader {

    static final String COST_UNIT = "output characters";

    /** One row of outcomes.csv, kept until questions.jsonl supplies the text. */
    private record OutcomeRow(int line, String category, boolean keyConflict, Map<String, Double> scores) {}

    @Override
    public String layout() {
        return "mmlu-pro-routing";
    }

    @Override
    public String requires() {
        return "questions.jsonl with question_id/options rows + outcomes.csv with header question_id,category,key_conflict"
                + " (mmlu-pro-routing)";
    }

    /** outcomes.csv starts with its header and the first row of questions.jsonl has an id, options and a category. */
    @Override
    public boolean recognises(Path dir) {
        Path outcomes = dir.resolve("outcomes.csv");
        Path questions = dir.resolve("questions.jsonl");
        return Files.isRegularFile(outcomes)
                && Files.isRegularFile(questions)
                && firstLine(outcomes)
                        .filter(line -> line.startsWith("question_id,category,key_conflict,"))
                        .isPresent()
                && firstJsonObject(questions)
                        .filter(row -> hasAll(row, "question_id", "options", "category"))
                        .isPresent();
    }

    @Override
    public Read read(Path dir) {
        Path outcomesFile = dir.resolve("outcomes.csv");
        List<String> models = new ArrayList<>();
        Map<Integer, OutcomeRow> outcomes = readOutcomes(outcomesFile, models);

        Path charsFile = dir.resolve("output_chars.csv");
        Map<Integer, Map<String, Double>> costs =
                Files.isRegularFile(charsFile) ? readOutputChars(charsFile, models, outcomes, outcomesFile) : Map.of();

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
                throw new InvalidInputException(
                        questionsFile.toString(),
                        where + ", question_id",
                        Integer.toString(id),
                        "an id present in " + outcomesFile);
            }
            if (seen.putIfAbsent(id, lineNo) != null) {
                throw new InvalidInputException(
                        questionsFile.toString(),
                        where + ", question_id",
                        Integer.toString(id),
                        "an id not used before (first used on line " + seen.get(id) + ")");
            }
            String category = textField(questionsFile, where, row, "category");
            if (!category.equals(outcome.category())) {
                throw new InvalidInputException(
                        questionsFile.toString(),
                        where + ", category",
                        quote(category),
                        quote(outcome.category()) + " as on line " + outcome.line() + " of " + outcomesFile);
            }
            int keyConflict = intField(questionsFile, where, row, "key_conflict");
            if (keyConflict != (outcome.keyConflict() ? 1 : 0)) {
                throw new InvalidInputException(
                        questionsFile.toString(),
                        where + ", key_conflict",
                        Integer.toString(keyConflict),
                        (outcome.keyConflict() ? "1" : "0") + " as on line " + outcome.line() + " of " + outcomesFile);
            }
            if (outcome.keyConflict()) {
                return;
            }
            String text = mmluText(questionsFile, where, row);
            Split split = id % 5 == 0 ? Split.DEV : Split.TEST;
            questions.add(new ReplayQuestion(
                    Integer.toString(id),
                    text,
                    categories.computeIfAbsent(category, c -> c),
                    split,
                    outcome.scores(),
                    costs.getOrDefault(id, Map.of())));
        });
        outcomes.forEach((id, row) -> {
            if (!seen.containsKey(id)) {
                throw new InvalidInputException(
                        outcomesFile.toString(),
                        "line " + row.line() + ", question_id",
                        Integer.toString(id),
                        "an id present in " + questionsFile);
            }
        });
        return new Read(models, questions, Files.isRegularFile(charsFile) ? Optional.of(COST_UNIT) : Optional.empty());
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
                throw new InvalidInputException(
                        file.toString(), "line " + lineNo + ", column key_conflict", quote(keyConflict), "0 or 1");
            }
            Map<String, Double> scores = new HashMap<>();
            for (int c = 3; c < cells.length; c++) {
                Double score = parseScore(file, lineNo, columns[c], cells[c]);
                if (score != null) {
                    scores.put(columns[c], score);
                }
            }
            OutcomeRow row = new OutcomeRow(
                    lineNo, categories.computeIfAbsent(cells[1], c -> c), keyConflict.equals("1"), Map.copyOf(scores));
            OutcomeRow before = rows.putIfAbsent(id, row);
            if (before != null) {
                throw new InvalidInputException(
                        file.toString(),
                        "line " + lineNo + ", column question_id",
                        Integer.toString(id),
                        "an id not used before (first used on line " + before.line() + ")");
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
                        throw new InvalidInputException(
                                file.toString(),
                                "line 1, column " + (c + 1),
                                quote(cells[c]),
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
                throw new InvalidInputException(
                        file.toString(),
                        "line " + lineNo + ", column question_id",
                        Integer.toString(id),
                        "an id present in " + outcomesFile);
            }
            Integer before = lines.putIfAbsent(id, lineNo);
            if (before != null) {
                throw new InvalidInputException(
                        file.toString(),
                        "line " + lineNo + ", column question_id",
                        Integer.toString(id),
                        "an id not used before (first used on line " + before + ")");
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
                    throw new InvalidInputException(
                            file.toString(),
                            "line " + lineNo + ", column " + columns[c],
                            quote(cell),
                            "empty or a whole number of characters >= 0");
                }
                cost.put(columns[c], (double) chars);
            }
            costs.put(id, Map.copyOf(cost));
        });
        outcomes.forEach((id, row) -> {
            if (!lines.containsKey(id)) {
                throw new InvalidInputException(
                        outcomesFile.toString(),
                        "line " + row.line() + ", question_id",
                        Integer.toString(id),
                        "an id present in " + file);
            }
        });
        return costs;
    }

    private static String mmluText(Path file, String where, JsonNode row) {
        String question = textField(file, where, row, "question");
        JsonNode options = row.get("options");
        if (options == null || !options.isArray() || options.isEmpty() || options.size() > 26) {
            throw new InvalidInputException(
                    file.toString(),
                    where + ", options",
                    options == null ? "(missing)" : abbreviate(options.toString()),
                    "an array of 1 to 26 option strings");
        }
        StringBuilder text = new StringBuilder(question.length() + 64 * options.size()).append(question);
        for (int i = 0; i < options.size(); i++) {
            JsonNode option = options.get(i);
            if (!option.isTextual()) {
                throw new InvalidInputException(
                        file.toString(), where + ", options[" + i + "]", abbreviate(option.toString()), "a string");
            }
            text.append('\n').append((char) ('A' + i)).append(". ").append(option.textValue());
        }
        return text.toString();
    }
}
