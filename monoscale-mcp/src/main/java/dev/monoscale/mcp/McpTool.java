package dev.monoscale.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tool an MCP server lists.
 *
 * @param inputSchema the JSON schema of its arguments, as the server sent it
 */
public record McpTool(String name, String title, String description, Map<String, Object> inputSchema) {

    public McpTool {
        inputSchema = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputSchema));
    }

    /** The properties of the input schema, by name. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> properties() {
        return inputSchema.get("properties") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The required properties. */
    public List<String> required() {
        return inputSchema.get("required") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
    }

    /**
     * The name of the one argument when the tool takes a single string (one property of type string, and nothing
     * else required); empty otherwise. Such a tool can be called without a model: the step's text is the argument.
     */
    public Optional<String> singleString() {
        Map<String, Object> properties = properties();
        if (properties.size() != 1) {
            return Optional.empty();
        }
        Map.Entry<String, Object> only = properties.entrySet().iterator().next();
        boolean string = only.getValue() instanceof Map<?, ?> property && "string".equals(property.get("type"));
        return string ? Optional.of(only.getKey()) : Optional.empty();
    }

    /** The example values the schema gives for its properties ({@code examples} and {@code default} of each). */
    public List<String> examples() {
        List<String> examples = new java.util.ArrayList<>();
        for (Object value : properties().values()) {
            if (value instanceof Map<?, ?> property) {
                if (property.get("examples") instanceof List<?> list) {
                    list.forEach(example -> examples.add(String.valueOf(example)));
                }
            }
        }
        return List.copyOf(examples);
    }

    /** The arguments in one line, such as {@code a: number (required), b: number}. */
    public String signature() {
        List<String> required = required();
        List<String> parts = new java.util.ArrayList<>();
        properties().forEach((name, value) -> {
            String type = value instanceof Map<?, ?> property && property.get("type") != null
                    ? String.valueOf(property.get("type"))
                    : "any";
            String about = value instanceof Map<?, ?> property && property.get("description") != null
                    ? " (" + String.valueOf(property.get("description")).strip() + ")"
                    : "";
            parts.add(name + ": " + type + (required.contains(name) ? ", required" : "") + about);
        });
        return parts.isEmpty() ? "no arguments" : String.join("; ", parts);
    }
}
