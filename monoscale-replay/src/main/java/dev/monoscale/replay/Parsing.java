package dev.monoscale.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.monoscale.cards.JsonField;
import dev.monoscale.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The parsing every dataset reader shares; every failure is one {@link InvalidInputException} line. */
final class Parsing {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    static final Double ZERO = 0.0;
    static final Double ONE = 1.0;
    static final String SCORE_ALLOWED = "0, 1, empty (no record) or a number in [0, 1]";

    private Parsing() {}

    @FunctionalInterface
    interface LineHandler {
        void accept(int lineNo, String line);
    }

    /** Calls {@code handler} for every non-blank line, numbered from 1. */
    static void forEachLine(Path file, LineHandler handler) {
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
            throw new InvalidInputException(
                    file.toString(), "(file)", "unreadable: " + e.getMessage(), "a readable UTF-8 file");
        }
    }

    static JsonNode readJsonFile(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw new InvalidInputException(file.toString(), "(file)", "not a JSON object", "a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    file.toString(), "(file)", "not JSON: " + e.getOriginalMessage(), "a JSON object");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), "(file)", "(not found)", "an existing JSON file");
        } catch (IOException e) {
            throw new InvalidInputException(
                    file.toString(), "(file)", "unreadable: " + e.getMessage(), "a readable UTF-8 file");
        }
    }

    static JsonNode parseJsonLine(Path file, int lineNo, String line) {
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

    /** The field {@code name} of the JSON line {@code where}, named in messages {@code line 3, name}. */
    static JsonField field(Path file, String where, JsonNode row, String name) {
        return new JsonField(file.toString(), where + ", " + name, row.get(name));
    }

    static String textField(Path file, String where, JsonNode row, String field) {
        return field(file, where, row, field).anyString("a string");
    }

    static int intField(Path file, String where, JsonNode row, String field) {
        return field(file, where, row, field).integer("an integer");
    }

    static void requireHeaderStart(Path file, String[] cells, String... expected) {
        if (cells.length <= expected.length - 1
                || !Arrays.asList(cells).subList(0, expected.length).equals(Arrays.asList(expected))) {
            throw new InvalidInputException(
                    file.toString(),
                    "line 1",
                    quote(abbreviate(String.join(",", cells))),
                    "a header starting with " + String.join(",", expected));
        }
    }

    static List<String> modelColumns(Path file, String[] header, int first) {
        List<String> models = new ArrayList<>();
        for (int c = first; c < header.length; c++) {
            if (header[c].isEmpty() || models.contains(header[c])) {
                throw new InvalidInputException(
                        file.toString(),
                        "line 1, column " + (c + 1),
                        quote(header[c]),
                        "a distinct, non-empty model name");
            }
            models.add(header[c]);
        }
        return models;
    }

    static void requireColumnCount(Path file, int lineNo, String[] cells, int expected) {
        if (cells.length != expected) {
            throw new InvalidInputException(
                    file.toString(),
                    "line " + lineNo,
                    String.format(Locale.ROOT, "%d columns", cells.length),
                    String.format(Locale.ROOT, "%d columns, as in the header", expected));
        }
    }

    static int parseId(Path file, int lineNo, String cell) {
        try {
            int id = Integer.parseInt(cell);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(
                file.toString(), "line " + lineNo + ", column question_id", quote(cell), "an integer >= 0");
    }

    static @Nullable Double parseScore(Path file, int lineNo, String column, String cell) {
        return switch (cell) {
            case "" -> null;
            case "0" -> ZERO;
            case "1" -> ONE;
            default -> {
                double score;
                try {
                    score = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    score = Double.NaN;
                }
                if (!(score >= 0.0 && score <= 1.0)) {
                    throw new InvalidInputException(
                            file.toString(), "line " + lineNo + ", column " + column, quote(cell), SCORE_ALLOWED);
                }
                yield boxed(score);
            }
        };
    }

    /** Shares the boxes of the two scores nearly every cell holds. */
    static Double boxed(double score) {
        return score == 0.0 ? ZERO : score == 1.0 ? ONE : Double.valueOf(score);
    }

    static String quote(String value) {
        return "'" + abbreviate(value) + "'";
    }

    static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }

    /** The first non-blank line of {@code file} as a JSON object, or empty if it has none or it is not one. */
    static Optional<JsonNode> firstJsonObject(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    JsonNode row = JSON.readTree(line);
                    return row != null && row.isObject() ? Optional.of(row) : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first line of {@code file}, or empty if it cannot be read. */
    static Optional<String> firstLine(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Optional.ofNullable(reader.readLine());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code row} has every one of {@code fields}. */
    static boolean hasAll(JsonNode row, String... fields) {
        for (String field : fields) {
            if (!row.has(field)) {
                return false;
            }
        }
        return true;
    }
}
