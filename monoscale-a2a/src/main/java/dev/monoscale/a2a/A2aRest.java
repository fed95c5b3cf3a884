package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /a2a/rest}: {@code POST message:send}, {@code POST message:stream}, {@code GET tasks/{id}} (1.0), and the
 * same under {@code /a2a/rest/v1/} (0.3).
 */
final class A2aRest {

    private final TaskRunner tasks;

    A2aRest(TaskRunner tasks) {
        this.tasks = tasks;
    }

    void handle(Context ctx) {
        String path = ctx.path().substring("/a2a/rest/".length());
        boolean v03 = path.startsWith("v1/");
        if (v03) {
            path = path.substring(3);
        }
        A2aProtocol protocol = v03 ? A2aProtocol.REST_0_3 : A2aProtocol.REST_1_0;
        ctx.contentType(v03 ? "application/json" : "application/a2a+json");
        if (ctx.method().name().equals("POST") && (path.equals("message:send") || path.equals("message:stream"))) {
            JsonNode body;
            try {
                body = A2aWire.MAPPER.readTree(ctx.body());
            } catch (HttpResponseException e) {
                error(
                        ctx,
                        v03,
                        e.getStatus(),
                        "INVALID_ARGUMENT",
                        -32600,
                        Objects.requireNonNullElse(e.getMessage(), e.toString()));
                return;
            } catch (IOException e) {
                error(ctx, v03, 400, "INVALID_ARGUMENT", -32700, "the body is not JSON");
                return;
            }
            String text = A2aWire.text(body.path("message")).strip();
            if (text.isEmpty()) {
                error(
                        ctx,
                        v03,
                        400,
                        "INVALID_ARGUMENT",
                        -32602,
                        "message with at least one non-blank text part is required");
                return;
            }
            if (path.equals("message:stream")) {
                A2aEventStream.run(ctx, tasks, protocol, null, text);
                return;
            }
            ServerTask task = tasks.newTask(text);
            tasks.startAndAwait(task, body, protocol);
            ctx.status(v03 ? 201 : 200).result(TaskRunner.wrap(protocol, task).toString());
        } else if (ctx.method().name().equals("GET") && path.startsWith("tasks/")) {
            String id = path.substring("tasks/".length());
            Optional<ServerTask> task = tasks.find(id);
            if (task.isEmpty()) {
                error(ctx, v03, 404, "NOT_FOUND", -32001, "Task not found: " + id);
                return;
            }
            ctx.result(task.get().json(protocol).toString());
        } else {
            error(ctx, v03, 404, "NOT_FOUND", -32601, "no such operation: " + ctx.method() + " " + ctx.path());
        }
    }

    /**
     * An HTTP+JSON error: at 1.0 a google.rpc-style {@code {"error": {code, status, message}}} with the HTTP status as
     * its code; at 0.3 the bare {@code {code, message}} with the A2A error code, as the 0.3 REST binding answers.
     */
    private static void error(Context ctx, boolean v03, int status, String grpcStatus, int a2aCode, String message) {
        ObjectNode error = A2aWire.MAPPER.createObjectNode();
        if (v03) {
            error.put("code", a2aCode).put("message", message);
        } else {
            error.putObject("error")
                    .put("code", status)
                    .put("status", grpcStatus)
                    .put("message", message);
        }
        ctx.status(status).result(error.toString());
    }
}
