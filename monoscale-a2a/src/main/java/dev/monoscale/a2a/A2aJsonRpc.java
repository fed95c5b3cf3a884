package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /a2a/jsonrpc}: {@code SendMessage}, {@code SendStreamingMessage}, {@code GetTask} with
 * {@code A2A-Version: 1.0}; {@code message/send}, {@code message/stream}, {@code tasks/get} without the header or with
 * {@code 0.3}. Any other version is error -32009, a method of the other version -32601.
 */
final class A2aJsonRpc {

    private final TaskRunner tasks;

    A2aJsonRpc(TaskRunner tasks) {
        this.tasks = tasks;
    }

    void handle(Context ctx) {
        JsonNode request;
        try {
            request = A2aWire.MAPPER.readTree(ctx.body());
        } catch (HttpResponseException e) {
            error(ctx, null, -32600, "Invalid JSON-RPC Request: " + e.getMessage() + ".");
            return;
        } catch (IOException e) {
            error(ctx, null, -32700, "Invalid JSON payload.");
            return;
        }
        JsonNode id = request.path("id").isMissingNode() ? null : request.path("id");
        A2aProtocol protocol = version(ctx.header("A2A-Version"));
        if (protocol == null) {
            error(
                    ctx,
                    id,
                    -32009,
                    "The requested A2A protocol version '%s' is not supported. Supported versions: 1.0, 0.3"
                            .formatted(ctx.header("A2A-Version")));
            return;
        }
        if (!request.isObject() || !"2.0".equals(request.path("jsonrpc").asText())) {
            error(ctx, id, -32600, "Invalid JSON-RPC Request.");
            return;
        }
        String method = request.path("method").asText("");
        JsonNode params = request.path("params");
        if (method.equals(A2aWire.sendMethod(protocol)) || method.equals(A2aWire.streamMethod(protocol))) {
            String text = A2aWire.text(params.path("message")).strip();
            if (text.isEmpty()) {
                error(ctx, id, -32602, "message with at least one non-blank text part is required.");
                return;
            }
            if (method.equals(A2aWire.streamMethod(protocol))) {
                A2aEventStream.run(ctx, tasks, protocol, id, text);
                return;
            }
            ServerTask task = tasks.newTask(text);
            tasks.startAndAwait(task, params, protocol);
            result(ctx, id, TaskRunner.wrap(protocol, task));
        } else if (method.equals(A2aWire.getTaskMethod(protocol))) {
            Optional<ServerTask> task = tasks.find(params.path("id").asText(""));
            if (task.isEmpty()) {
                error(ctx, id, -32001, "Task not found: " + params.path("id").asText(""));
                return;
            }
            result(ctx, id, task.get().json(protocol));
        } else {
            error(ctx, id, -32601, "Method not found: " + method);
        }
    }

    private static void result(Context ctx, @Nullable JsonNode id, JsonNode result) {
        ObjectNode response = A2aWire.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        ctx.contentType("application/json").result(response.toString());
    }

    private static void error(Context ctx, @Nullable JsonNode id, int code, String message) {
        ObjectNode response = A2aWire.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        ctx.contentType("application/json").result(response.toString());
    }

    /** The protocol an {@code A2A-Version} header asks for; none or 0.3 is 0.3; null for a version not served. */
    static @Nullable A2aProtocol version(@Nullable String header) {
        if (header == null
                || header.isBlank()
                || header.strip().equals("0.3")
                || header.strip().startsWith("0.3.")) {
            return A2aProtocol.JSONRPC_0_3;
        }
        if (header.strip().equals("1.0") || header.strip().equals("1")) {
            return A2aProtocol.JSONRPC_1_0;
        }
        return null;
    }
}
