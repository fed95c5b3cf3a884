package dev.monoscale.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** Reads typed fields out of a JSON tree, turning every wrong or missing field into one clear line. */
final class Json {

    private final String source;

    Json(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    JsonNode required(JsonNode parent, String path, String field, String allowed) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw InvalidInputException.missing(source, join(path, field), allowed);
        }
        return node;
    }

    String text(JsonNode parent, String path, String field) {
        JsonNode node = required(parent, path, field, "a non-blank string");
        if (!node.isTextual() || node.asText().isBlank()) {
            throw bad(join(path, field), node, "a non-blank string");
        }
        return node.asText();
    }

    String text(JsonNode parent, String path, String field, String fallback) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw bad(join(path, field), node, "a string");
        }
        return node.asText();
    }

    double number(JsonNode parent, String path, String field, double fallback, double min, double max) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        return number(node, join(path, field), min, max);
    }

    double requiredNumber(JsonNode parent, String path, String field, double min, double max) {
        return number(required(parent, path, field, range(min, max)), join(path, field), min, max);
    }

    double number(JsonNode node, String path, double min, double max) {
        if (!node.isNumber() || !(node.asDouble() >= min && node.asDouble() <= max)) {
            throw bad(path, node, range(min, max));
        }
        return node.asDouble();
    }

    double probability(JsonNode node, String path) {
        if (!node.isNumber() || !(node.asDouble() >= 0 && node.asDouble() <= 1)) {
            throw bad(path, node, "a probability, a number in [0, 1]");
        }
        return node.asDouble();
    }

    JsonNode array(JsonNode parent, String path, String field, boolean nonEmpty) {
        JsonNode node = required(parent, path, field, nonEmpty ? "a non-empty array" : "an array");
        if (!node.isArray() || (nonEmpty && node.isEmpty())) {
            throw bad(join(path, field), node, nonEmpty ? "a non-empty array" : "an array");
        }
        return node;
    }

    List<String> strings(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw bad(join(path, field), node, "an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw bad(join(path, field) + "[" + i + "]", item, "a non-blank string");
            }
            out.add(item.asText());
        }
        return out;
    }

    JsonNode object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw bad(path, node, "a JSON object");
        }
        return node;
    }

    /**
     * Refuses a field of {@code node} not in {@code fields}: a misspelt field would otherwise be ignored and its
     * default used without a word.
     */
    void known(JsonNode node, String path, String... fields) {
        List<String> allowed = List.of(fields);
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidInputException(source, join(path, name), "(unknown field)",
                        "the fields " + String.join(", ", allowed) + (path.isEmpty() ? "" : " in " + path));
            }
        }
    }

    InvalidInputException bad(String path, JsonNode value, String allowed) {
        return new InvalidInputException(source, path, shown(value), allowed);
    }

    static String shown(JsonNode value) {
        String text = value.toString().replaceAll("\\s+", " ");
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String range(double min, double max) {
        return "a number in [%s, %s]".formatted(trim(min), trim(max));
    }

    private static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
