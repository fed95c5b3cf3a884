package dev.monoscale.llm.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function the model may call, sent in the request's {@code tools} as {@code {type: function, function: {...}}}.
 *
 * @param parameters the JSON schema of its arguments
 */
public record ToolDefinition(String name, String description, JsonNode parameters) {

    public ToolDefinition {
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "a tool name must be 1 to 64 letters, digits, '_' or '-' (OpenAI's rule), was '" + name + "'");
        }
    }
}
