package dev.monoscale.app.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.llm.ToolBox;
import dev.monoscale.llm.client.ToolDefinition;
import dev.monoscale.mcp.McpConnection;
import dev.monoscale.mcp.McpTool;
import dev.monoscale.mcp.ToolOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tools of some MCP servers as a model's {@link ToolBox}. A tool keeps its name when OpenAI's rule allows it
 * (1 to 64 letters, digits, {@code _} or {@code -}); other characters become {@code _}, and a name two servers share
 * gets {@code _2}, {@code _3}... Arguments that are not a JSON object go back to the model as an error, as do the
 * tools' own failures.
 */
final class McpToolBox implements ToolBox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(McpConnection server, McpTool tool) {}

    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final List<ToolDefinition> definitions = new ArrayList<>();

    McpToolBox(List<McpConnection> servers) {
        for (McpConnection server : servers) {
            for (McpTool tool : server.tools()) {
                String base = modelName(tool.name());
                String name = base;
                for (int n = 2; byName.containsKey(name); n++) {
                    String suffix = "_" + n;
                    name = base.substring(0, Math.min(base.length(), 64 - suffix.length())) + suffix;
                }
                byName.put(name, new Entry(server, tool));
                definitions.add(new ToolDefinition(
                        name,
                        description(tool),
                        JSON.valueToTree(
                                tool.inputSchema().isEmpty()
                                        ? Map.of("type", "object", "properties", Map.of())
                                        : tool.inputSchema())));
            }
        }
    }

    static String modelName(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_-]", "_");
        clean = clean.isEmpty() ? "tool" : clean;
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }

    private static String description(McpTool tool) {
        return tool.description().isBlank() ? tool.title() : tool.description();
    }

    /** The MCP tool a model's name stands for. */
    String mcpName(String name) {
        Entry entry = byName.get(name);
        return entry == null ? name : entry.tool().name();
    }

    List<McpTool> mcpTools() {
        return byName.values().stream().map(Entry::tool).toList();
    }

    @Override
    public List<ToolDefinition> tools() {
        return definitions;
    }

    @Override
    public Result call(String name, String arguments) {
        Entry entry = byName.get(name);
        if (entry == null) {
            return new Result("no tool '" + name + "'; the tools are " + String.join(", ", byName.keySet()), true);
        }
        Map<String, Object> parsed;
        try {
            parsed = arguments(arguments);
        } catch (IllegalArgumentException e) {
            return new Result(Objects.requireNonNullElse(e.getMessage(), e.toString()), true);
        }
        return switch (entry.server().call(entry.tool().name(), parsed)) {
            case ToolOutcome.Answered answered -> new Result(answered.text(), false);
            case ToolOutcome.Failed failed ->
                new Result(failed.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + failed.message(), true);
        };
    }

    /** A model's arguments as a map; blank is no arguments. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> arguments(String arguments) {
        if (arguments.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode node = JSON.readTree(arguments);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the arguments must be a JSON object, were: " + arguments);
            }
            return JSON.convertValue(node, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "the arguments are not JSON (" + e.getOriginalMessage() + "): " + arguments, e);
        }
    }
}
