package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.cards.Values;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of A2A messages and tasks in each {@link A2aProtocol}, built and read in one place so that the
 * client and the server agree and tests can pin the exact bytes.
 *
 * <ul>
 *   <li>1.0 (JSON-RPC and HTTP+JSON): {@code {"messageId", "role": "ROLE_USER", "parts": [{"text", "mediaType"}]}};
 *       results wrapped as {@code {"message": ...}} or {@code {"task": ...}}; states {@code TASK_STATE_*}.
 *   <li>0.3 JSON-RPC: {@code {"kind": "message", "messageId", "role": "user", "parts": [{"kind": "text", "text"}]}};
 *       results unwrapped and tagged by {@code kind}; states such as {@code completed}.
 *   <li>0.3 HTTP+JSON: like 1.0 but a message's parts are named {@code content}.
 * </ul>
 * Readers are lenient: they accept any of the shapes, so a reply in an unexpected but recognisable form is used.
 */
final class A2aWire {

    /** Jackson's mapper with default settings, shared by the A2A classes. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private A2aWire() {}

    /** A user message with one text part. */
    public static ObjectNode userMessage(A2aProtocol protocol, String messageId, String text) {
        return message(protocol, messageId, "user", text, null, null);
    }

    /**
     * A message with one text part in the protocol's shape.
     *
     * @param role {@code user} or {@code agent}
     * @param taskId the task it belongs to, or null
     * @param contextId its context, or null
     */
    public static ObjectNode message(
            A2aProtocol protocol,
            String messageId,
            String role,
            String text,
            @Nullable String taskId,
            @Nullable String contextId) {
        ObjectNode message = NODES.objectNode();
        if (protocol == A2aProtocol.JSONRPC_0_3) {
            message.put("kind", "message");
        }
        message.put("messageId", messageId);
        if (contextId != null) {
            message.put("contextId", contextId);
        }
        if (taskId != null) {
            message.put("taskId", taskId);
        }
        message.put(
                "role", protocol == A2aProtocol.JSONRPC_0_3 ? role : "ROLE_" + role.toUpperCase(java.util.Locale.ROOT));
        message.set(protocol == A2aProtocol.REST_0_3 ? "content" : "parts", textParts(protocol, text));
        return message;
    }

    /** One text part, as an array. */
    public static ArrayNode textParts(A2aProtocol protocol, String text) {
        ArrayNode parts = NODES.arrayNode();
        ObjectNode part = parts.addObject();
        if (protocol == A2aProtocol.JSONRPC_0_3) {
            part.put("kind", "text");
            part.put("text", text);
        } else {
            part.put("text", text);
            if (protocol.isV1()) {
                part.put("mediaType", "text/plain");
            }
        }
        return parts;
    }

    /**
     * The params of a send: the message and, when it matters, the configuration. 0.3 always says
     * {@code "blocking": true|false}, because some 0.3 servers treat a configuration without it as non-blocking;
     * 1.0 blocks by default and says {@code "returnImmediately": true} only to not block.
     */
    public static ObjectNode sendParams(A2aProtocol protocol, String messageId, String text, boolean blocking) {
        ObjectNode params = NODES.objectNode();
        params.set("message", userMessage(protocol, messageId, text));
        if (protocol.isV1()) {
            if (!blocking) {
                params.putObject("configuration").put("returnImmediately", true);
            }
        } else {
            params.putObject("configuration").put("blocking", blocking);
        }
        return params;
    }

    /** A JSON-RPC 2.0 request. */
    public static ObjectNode request(long id, String method, JsonNode params) {
        ObjectNode request = NODES.objectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", params);
        return request;
    }

    /** The JSON-RPC method that sends a message in this protocol. */
    public static String sendMethod(A2aProtocol protocol) {
        return protocol.isV1() ? "SendMessage" : "message/send";
    }

    /** The JSON-RPC method that streams a send in this protocol. */
    public static String streamMethod(A2aProtocol protocol) {
        return protocol.isV1() ? "SendStreamingMessage" : "message/stream";
    }

    /** The JSON-RPC method that reads a task in this protocol. */
    public static String getTaskMethod(A2aProtocol protocol) {
        return protocol.isV1() ? "GetTask" : "tasks/get";
    }

    /**
     * Reads the result of a send or a task poll in any protocol: {@code {"message"|"task": ...}}, a {@code kind}-tagged
     * object, or a bare task or message.
     *
     * @throws IllegalArgumentException if the result is none of these
     */
    public static A2aOutcome outcome(JsonNode result) {
        if (result.has("message") && result.path("message").isObject()) {
            return new A2aOutcome.Message(text(result.path("message")));
        }
        if (result.has("task") && result.path("task").isObject()) {
            return task(result.path("task"));
        }
        String kind = result.path("kind").asText("");
        if (kind.equals("message") || (kind.isEmpty() && result.has("role") && !result.has("status"))) {
            return new A2aOutcome.Message(text(result));
        }
        if (kind.equals("task") || (kind.isEmpty() && result.has("status"))) {
            return task(result);
        }
        throw new IllegalArgumentException(
                "neither a message nor a task: " + Values.oneLine(abbreviate(result.toString())));
    }

    private static A2aOutcome.Task task(JsonNode task) {
        A2aTaskState state =
                A2aTaskState.parse(task.path("status").path("state").asText(""));
        List<String> texts = new ArrayList<>();
        for (JsonNode artifact : task.path("artifacts")) {
            String text = text(artifact);
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        if (texts.isEmpty()) {
            texts.add(text(task.path("status").path("message")));
        }
        return new A2aOutcome.Task(
                task.path("id").asText(""), state, String.join("\n", texts).strip());
    }

    /** The text of a message or artifact: its text parts, and data parts as compact JSON, one per line. */
    public static String text(JsonNode holder) {
        JsonNode parts = holder.has("parts") ? holder.path("parts") : holder.path("content");
        List<String> texts = new ArrayList<>();
        for (JsonNode part : parts) {
            if (part.path("text").isTextual()) {
                texts.add(part.path("text").asText());
            } else if (part.has("data")) {
                texts.add(part.path("data").toString());
            }
        }
        return String.join("\n", texts);
    }

    static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }
}
