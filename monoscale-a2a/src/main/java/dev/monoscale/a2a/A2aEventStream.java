package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A streaming send as server-sent events: the task, a working status per progress line, the answer as an artifact,
 * and the final status. The task runs in the request's thread; a client that goes away does not stop it, and
 * {@code GetTask} reads its end.
 */
final class A2aEventStream {

    private A2aEventStream() {}

    static void run(Context ctx, TaskRunner tasks, A2aProtocol protocol, @Nullable JsonNode id, String text) {
        ServerTask task = tasks.newTask(text);
        ctx.status(200);
        ctx.contentType("text/event-stream");
        ctx.header("Cache-Control", "no-cache");
        try {
            OutputStream out = ctx.res().getOutputStream();
            AtomicBoolean gone = new AtomicBoolean();
            Consumer<JsonNode> send = result -> {
                JsonNode event = result;
                if (!protocol.isRest()) {
                    ObjectNode envelope = A2aWire.MAPPER.createObjectNode().put("jsonrpc", "2.0");
                    envelope.set("id", id);
                    envelope.set("result", result);
                    event = envelope;
                }
                if (gone.get()) {
                    return;
                }
                try {
                    out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException | UncheckedIOException e) {
                    gone.set(true); // the client went away; the task runs on, and GetTask reads its end
                }
            };
            send.accept(TaskRunner.wrap(protocol, task));
            A2aBackend.Result result = tasks.run(text, line -> {
                task.progress(line, tasks.clock());
                send.accept(task.statusUpdate(protocol, false));
            });
            task.finish(result, tasks.clock());
            if (result.succeeded()) {
                send.accept(task.artifactUpdate(protocol));
            }
            send.accept(task.statusUpdate(protocol, true));
        } catch (IOException e) {
            task.finish(
                    A2aBackend.Result.failed("the event stream could not be opened: " + e.getMessage()), tasks.clock());
        }
    }
}
