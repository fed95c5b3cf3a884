package dev.monoscale.llm.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON body of a chat-completions request: only the fields that are set, with {@link ChatRequest#extra()}
 * merged at the top level, so a server-specific field (vLLM's {@code structured_outputs}) reaches the server as given.
 */
final class RequestBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestBodies() {}

    /** The JSON body for {@code request}; a streamed one also asks for the usage in the last event. */
    static byte[] body(ChatRequest request, boolean stream) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", request.model());
        ArrayNode messages = root.putArray("messages");
        request.messages().forEach(m -> message(messages.addObject(), m));
        if (request.temperature() != null) {
            root.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            root.put("max_tokens", request.maxTokens());
        }
        if (request.seed() != null) {
            root.put("seed", request.seed());
        }
        if (request.logprobs()) {
            root.put("logprobs", true);
            if (request.topLogprobs() != null) {
                root.put("top_logprobs", request.topLogprobs());
            }
        }
        if (request.n() > 1) {
            root.put("n", request.n());
        }
        if (request.schema() != null) {
            ObjectNode format = root.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode schema = format.putObject("json_schema");
            schema.put("name", request.schema().name());
            schema.put("strict", true);
            schema.set("schema", request.schema().schema());
        }
        if (!request.tools().isEmpty()) {
            tools(root, request);
        }
        if (stream) {
            root.put("stream", true);
            root.putObject("stream_options").put("include_usage", true);
        }
        request.extra().forEach((key, value) -> root.set(key, JSON.valueToTree(value)));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "the request's extra fields cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void tools(ObjectNode root, ChatRequest request) {
        ArrayNode tools = root.putArray("tools");
        for (ToolDefinition tool : request.tools()) {
            ObjectNode function = tools.addObject().put("type", "function").putObject("function");
            function.put("name", tool.name())
                    .put("description", tool.description())
                    .set("parameters", tool.parameters());
        }
        if (request.toolChoice() != null) {
            root.put("tool_choice", request.toolChoice());
        }
    }

    /**
     * One message: an assistant's tool calls go in {@code tool_calls} (content null when empty), a tool's result
     * names its call.
     */
    private static void message(ObjectNode node, ChatMessage message) {
        node.put("role", message.role());
        if (message.toolCalls().isEmpty() || !message.content().isEmpty()) {
            node.put("content", message.content());
        } else {
            node.putNull("content");
        }
        if (!message.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCall call : message.toolCalls()) {
                calls.addObject()
                        .put("id", call.id())
                        .put("type", "function")
                        .putObject("function")
                        .put("name", call.name())
                        .put("arguments", call.arguments());
            }
        }
        if (message.toolCallId() != null) {
            node.put("tool_call_id", message.toolCallId());
        }
    }
}
