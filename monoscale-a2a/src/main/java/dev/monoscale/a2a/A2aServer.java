package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.core.Skill;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Publishes an {@link A2aBackend} as one A2A agent over HTTP, at protocol 1.0 and 0.3, over JSON-RPC and HTTP+JSON.
 *
 * <ul>
 *   <li>{@code GET /.well-known/agent-card.json} (and the old {@code /.well-known/agent.json}): with
 *       {@code A2A-Version: 1.0} the 1.0 card (its {@code supportedInterfaces} list all four interfaces); without it
 *       a 0.3 card ({@code url}, {@code preferredTransport}, {@code additionalInterfaces}) that also carries
 *       {@code supportedInterfaces}.
 *   <li>{@code POST /a2a/jsonrpc}: {@code SendMessage}, {@code SendStreamingMessage}, {@code GetTask} with
 *       {@code A2A-Version: 1.0}; {@code message/send}, {@code message/stream}, {@code tasks/get} without the header
 *       or with {@code 0.3}. Any other version is error -32009, a method of the other version -32601.
 *   <li>{@code /a2a/rest}: {@code POST message:send}, {@code POST message:stream}, {@code GET tasks/{id}} (1.0), and
 *       the same under {@code /a2a/rest/v1/} (0.3).
 * </ul>
 * Every send makes a task. A blocking send answers once the task is done or {@code blockFor} after its run began,
 * whichever comes first (so an unfinished task is always a working one, however busy the machine); the client then
 * polls {@code GetTask}. A streaming send answers with server-sent events: the task, a
 * working status per progress line, the answer as an artifact, and the final status. Tasks live in memory; past
 * 10,000 ({@code MAX_TASKS}) the oldest finished ones are forgotten (a {@code GetTask} for one is then "task not found").
 */
public final class A2aServer implements AutoCloseable {

    private final A2aBackend backend;
    private final Duration blockFor;
    private final InstantSource clock;
    /** How many tasks the server keeps by default; past it the oldest finished ones are forgotten. */
    static final int MAX_TASKS = 10_000;

    /** The tasks in the order they were made; guarded by itself. */
    private final Map<String, ServerTask> tasks = new LinkedHashMap<>();
    private final int maxTasks;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Javalin app;
    private final String base;
    /** The base URL the card names; {@link #base} unless the server is reached through another address. */
    private volatile String advertised;

    private A2aServer(A2aBackend backend, String host, int port, Duration blockFor, InstantSource clock, int maxTasks) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be positive: " + maxTasks);
        }
        this.maxTasks = maxTasks;
        this.backend = backend;
        this.blockFor = blockFor;
        this.clock = clock;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/.well-known/agent-card.json", this::card);
            cfg.routes.get("/.well-known/agent.json", this::card);
            cfg.routes.post("/a2a/jsonrpc", this::jsonRpc);
            cfg.routes.post("/a2a/rest/*", this::rest);
            cfg.routes.get("/a2a/rest/*", this::rest);
        }).start(host, port);
        this.base = "http://%s:%d".formatted(host.contains(":") ? "[" + host + "]" : host, app.port());
        this.advertised = base;
    }

    /**
     * Names {@code publicUrl} (such as {@code https://agents.example.com/office}) in the card instead of the bound
     * address: for a server behind a proxy, or bound to {@code 0.0.0.0}, whose clients must call another address.
     *
     * @return this server
     */
    public A2aServer advertising(String publicUrl) {
        this.advertised = publicUrl(publicUrl);
        return this;
    }

    /**
     * {@code url} as a public base URL (no trailing slash), or an input error naming {@code --public-url}: an http(s)
     * URL with a host and no user info.
     */
    public static String publicUrl(String url) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new dev.monoscale.core.InvalidInputException("--public-url", "url", "'" + url + "'",
                    "an http(s) URL with a host and no user info, such as https://agents.example.com/office");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * Starts serving on {@code host}:{@code port} (0 for any free port).
     *
     * @param blockFor how long a blocking send waits, from when the task starts running, for it to finish before it
     *     answers with the working task
     */
    public static A2aServer start(A2aBackend backend, String host, int port, Duration blockFor, InstantSource clock) {
        return new A2aServer(backend, host, port, blockFor, clock, MAX_TASKS);
    }

    /** Same as {@link #start(A2aBackend, String, int, Duration, InstantSource)}, keeping at most {@code maxTasks} finished tasks. */
    static A2aServer start(A2aBackend backend, String host, int port, Duration blockFor, InstantSource clock, int maxTasks) {
        return new A2aServer(backend, host, port, blockFor, clock, maxTasks);
    }

    /** How many tasks the server holds. */
    int taskCount() {
        synchronized (tasks) {
            return tasks.size();
        }
    }

    /** The base URL, such as {@code http://127.0.0.1:8080}; the card is under it at {@code /.well-known/agent-card.json}. */
    public String url() {
        return base;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        threads.shutdownNow();
    }

    // ---- card ------------------------------------------------------------------------------------------------

    private void card(Context ctx) {
        ctx.header("Vary", "A2A-Version");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("application/json");
        ctx.result(card(version(ctx.header("A2A-Version")) == A2aProtocol.JSONRPC_1_0).toString());
    }

    /** The card: 1.0 form, or the 0.3 form that also lists the 1.0 interfaces. */
    ObjectNode card(boolean v1) {
        ObjectNode card = A2aWire.MAPPER.createObjectNode();
        card.put("name", backend.name());
        card.put("description", backend.description());
        card.put("version", "0.1.0");
        String rpc = advertised + "/a2a/jsonrpc";
        String rest = advertised + "/a2a/rest";
        if (!v1) {
            card.put("protocolVersion", "0.3.0");
            card.put("url", rpc);
            card.put("preferredTransport", "JSONRPC");
            card.putArray("additionalInterfaces").addObject().put("url", rest).put("transport", "HTTP+JSON");
        }
        ArrayNode interfaces = card.putArray("supportedInterfaces");
        for (String version : List.of("1.0", "0.3")) {
            interfaces.addObject().put("url", rpc).put("protocolBinding", "JSONRPC").put("protocolVersion", version);
            interfaces.addObject().put("url", rest).put("protocolBinding", "HTTP+JSON").put("protocolVersion", version);
        }
        card.putObject("capabilities").put("streaming", true).put("pushNotifications", false);
        card.putArray("defaultInputModes").add("text/plain");
        card.putArray("defaultOutputModes").add("text/plain");
        ArrayNode skills = card.putArray("skills");
        for (Skill skill : backend.skills()) {
            ObjectNode s = skills.addObject().put("id", skill.id()).put("name", skill.name()).put("description", skill.description());
            skill.tags().forEach(s.putArray("tags")::add);
            skill.examples().forEach(s.putArray("examples")::add);
        }
        return card;
    }

    // ---- JSON-RPC --------------------------------------------------------------------------------------------

    private void jsonRpc(Context ctx) {
        JsonNode request;
        try {
            request = A2aWire.MAPPER.readTree(ctx.body());
        } catch (HttpResponseException e) {
            rpcError(ctx, null, -32600, "Invalid JSON-RPC Request: " + e.getMessage() + ".");
            return;
        } catch (IOException e) {
            rpcError(ctx, null, -32700, "Invalid JSON payload.");
            return;
        }
        JsonNode id = request.path("id").isMissingNode() ? null : request.path("id");
        A2aProtocol protocol = version(ctx.header("A2A-Version"));
        if (protocol == null) {
            rpcError(ctx, id, -32009, "The requested A2A protocol version '%s' is not supported. Supported versions: 1.0, 0.3"
                    .formatted(ctx.header("A2A-Version")));
            return;
        }
        if (!request.isObject() || !"2.0".equals(request.path("jsonrpc").asText())) {
            rpcError(ctx, id, -32600, "Invalid JSON-RPC Request.");
            return;
        }
        String method = request.path("method").asText("");
        JsonNode params = request.path("params");
        if (method.equals(A2aWire.sendMethod(protocol)) || method.equals(A2aWire.streamMethod(protocol))) {
            String text = A2aWire.text(params.path("message")).strip();
            if (text.isEmpty()) {
                rpcError(ctx, id, -32602, "message with at least one non-blank text part is required.");
                return;
            }
            if (method.equals(A2aWire.streamMethod(protocol))) {
                stream(ctx, protocol, id, text);
                return;
            }
            ServerTask task = newTask(text);
            awaitBlocking(task, start(task), params, protocol);
            rpcResult(ctx, id, wrap(protocol, task));
        } else if (method.equals(A2aWire.getTaskMethod(protocol))) {
            ServerTask task = task(params.path("id").asText(""));
            if (task == null) {
                rpcError(ctx, id, -32001, "Task not found: " + params.path("id").asText(""));
                return;
            }
            rpcResult(ctx, id, task.json(protocol));
        } else {
            rpcError(ctx, id, -32601, "Method not found: " + method);
        }
    }

    private static void rpcResult(Context ctx, JsonNode id, JsonNode result) {
        ObjectNode response = A2aWire.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        ctx.contentType("application/json").result(response.toString());
    }

    private static void rpcError(Context ctx, JsonNode id, int code, String message) {
        ObjectNode response = A2aWire.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        ctx.contentType("application/json").result(response.toString());
    }

    // ---- HTTP+JSON -------------------------------------------------------------------------------------------

    private void rest(Context ctx) {
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
                restError(ctx, v03, e.getStatus(), "INVALID_ARGUMENT", -32600, e.getMessage());
                return;
            } catch (IOException e) {
                restError(ctx, v03, 400, "INVALID_ARGUMENT", -32700, "the body is not JSON");
                return;
            }
            String text = A2aWire.text(body.path("message")).strip();
            if (text.isEmpty()) {
                restError(ctx, v03, 400, "INVALID_ARGUMENT", -32602, "message with at least one non-blank text part is required");
                return;
            }
            if (path.equals("message:stream")) {
                stream(ctx, protocol, null, text);
                return;
            }
            ServerTask task = newTask(text);
            awaitBlocking(task, start(task), body, protocol);
            ctx.status(v03 ? 201 : 200).result(wrap(protocol, task).toString());
        } else if (ctx.method().name().equals("GET") && path.startsWith("tasks/")) {
            ServerTask task = task(path.substring("tasks/".length()));
            if (task == null) {
                restError(ctx, v03, 404, "NOT_FOUND", -32001, "Task not found: " + path.substring("tasks/".length()));
                return;
            }
            ctx.result(task.json(protocol).toString());
        } else {
            restError(ctx, v03, 404, "NOT_FOUND", -32601, "no such operation: " + ctx.method() + " " + ctx.path());
        }
    }

    /**
     * An HTTP+JSON error: at 1.0 a google.rpc-style {@code {"error": {code, status, message}}} with the HTTP status as
     * its code; at 0.3 the bare {@code {code, message}} with the A2A error code, as the 0.3 REST binding answers.
     */
    private static void restError(Context ctx, boolean v03, int status, String grpcStatus, int a2aCode, String message) {
        ObjectNode error = A2aWire.MAPPER.createObjectNode();
        if (v03) {
            error.put("code", a2aCode).put("message", message);
        } else {
            error.putObject("error").put("code", status).put("status", grpcStatus).put("message", message);
        }
        ctx.status(status).result(error.toString());
    }

    // ---- tasks -----------------------------------------------------------------------------------------------

    /** A new task for {@code text}, kept by the server. */
    private ServerTask newTask(String text) {
        ServerTask task = new ServerTask(UUID.randomUUID().toString(), UUID.randomUUID().toString(), text, clock.instant().toString());
        register(task);
        return task;
    }

    /** Runs the task on the server's threads; the future completes when it has finished. */
    private CompletableFuture<Void> start(ServerTask task) {
        return CompletableFuture.runAsync(() -> {
            task.begin(clock);
            task.finish(run(task.userText, line -> task.progress(line, clock)), clock);
        }, threads);
    }

    /** Keeps {@code task}, forgetting the oldest finished tasks while there are more than {@code maxTasks}. */
    private void register(ServerTask task) {
        synchronized (tasks) {
            tasks.put(task.id, task);
            Iterator<ServerTask> oldest = tasks.values().iterator();
            while (tasks.size() > maxTasks && oldest.hasNext()) {
                if (oldest.next().settled()) {
                    oldest.remove();
                }
            }
        }
    }

    private @Nullable ServerTask task(String id) {
        synchronized (tasks) {
            return tasks.get(id);
        }
    }

    private void awaitBlocking(ServerTask task, CompletableFuture<Void> done, JsonNode params, A2aProtocol protocol) {
        JsonNode configuration = params.path("configuration");
        boolean blocking = protocol.isV1() ? !configuration.path("returnImmediately").asBoolean(false)
                : configuration.path("blocking").asBoolean(true);
        if (!blocking) {
            return;
        }
        try {
            CompletableFuture.anyOf(task.started(), done).get(); // the wait counts from the run's start, not the queue
            done.get(blockFor.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // answered with the working task; the client polls
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            task.finish(A2aBackend.Result.failed("the system failed: " + e.getCause()), clock);
        }
    }

    private A2aBackend.Result run(String text, Consumer<String> progress) {
        try {
            return backend.handle(text, progress);
        } catch (RuntimeException e) {
            return A2aBackend.Result.failed("the system failed: %s: %s".formatted(e.getClass().getSimpleName(), e.getMessage()));
        }
    }

    private static JsonNode wrap(A2aProtocol protocol, ServerTask task) {
        JsonNode json = task.json(protocol);
        return protocol == A2aProtocol.JSONRPC_0_3 ? json : A2aWire.MAPPER.createObjectNode().set("task", json);
    }

    /** Runs the request in this thread and writes every event as it happens. */
    private void stream(Context ctx, A2aProtocol protocol, JsonNode id, String text) {
        ServerTask task = newTask(text);
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
                } catch (IOException | java.io.UncheckedIOException e) {
                    gone.set(true); // the client went away; the task runs on, and GetTask reads its end
                }
            };
            send.accept(wrap(protocol, task));
            A2aBackend.Result result = run(text, line -> {
                task.progress(line, clock);
                send.accept(task.statusUpdate(protocol, false));
            });
            task.finish(result, clock);
            if (result.succeeded()) {
                send.accept(task.artifactUpdate(protocol));
            }
            send.accept(task.statusUpdate(protocol, true));
        } catch (IOException e) {
            task.finish(A2aBackend.Result.failed("the event stream could not be opened: " + e.getMessage()), clock);
        }
    }

    private static A2aProtocol version(String header) {
        if (header == null || header.isBlank() || header.strip().equals("0.3") || header.strip().startsWith("0.3.")) {
            return A2aProtocol.JSONRPC_0_3;
        }
        if (header.strip().equals("1.0") || header.strip().equals("1")) {
            return A2aProtocol.JSONRPC_1_0;
        }
        return null;
    }
}
