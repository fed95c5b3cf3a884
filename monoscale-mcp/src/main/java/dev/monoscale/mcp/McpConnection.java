package dev.monoscale.mcp;

import dev.monoscale.core.FailureKind;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One live session with an MCP server: started (stdio) or connected (Streamable HTTP), initialized, its tools listed.
 * Calls are thread-safe. {@link #close()} ends the session and stops a stdio server's process, and its children.
 *
 * <p>A call never throws: a result with {@code isError} is an {@link FailureKind#ERROR}, a JSON-RPC error for bad
 * arguments or an unknown tool a {@link FailureKind#REJECTED}, no answer within the call timeout a
 * {@link FailureKind#TIMEOUT}, and a server that has exited or cannot be reached {@link FailureKind#UNAVAILABLE}.
 * The SDK reports a dead stdio server only as a timeout, so the server's stderr is kept (the last
 * {@value #STDERR_LINES} lines) and quoted in the message: its lines that name an error, else its last lines.
 *
 * <p>The SDK bounds every request, {@code initialize} included, by one timeout; it is set to the longer of the two
 * settings, and a call is cut at {@link McpSettings#callTimeout()} here.
 */
public final class McpConnection implements AutoCloseable {

    static final int STDERR_LINES = 40;

    private final McpServerSpec spec;
    private final McpSyncClient client;
    private final McpSchema.Implementation server;
    private final String protocolVersion;
    private final String instructions;
    private final List<McpTool> tools;
    private final Deque<String> stderr;
    private final @Nullable ProcessHandle process;
    private final Duration callTimeout;
    /** Stops the server's process if the JVM ends without {@link #close()} (Ctrl-C during a command). */
    private final @Nullable Thread onExit;

    private McpConnection(
            McpServerSpec spec,
            Duration callTimeout,
            McpSyncClient client,
            McpSchema.InitializeResult init,
            List<McpTool> tools,
            Deque<String> stderr,
            @Nullable ProcessHandle process) {
        this.spec = spec;
        this.callTimeout = callTimeout;
        this.client = client;
        this.server = init.serverInfo();
        this.protocolVersion = init.protocolVersion() == null ? "" : init.protocolVersion();
        this.instructions = init.instructions() == null ? "" : init.instructions();
        this.tools = List.copyOf(tools);
        this.stderr = stderr;
        this.process = process;
        if (process != null) {
            this.onExit = new Thread(() -> stop(process), "mcp-server-stop");
            Runtime.getRuntime().addShutdownHook(onExit);
        } else {
            this.onExit = null;
        }
    }

    /**
     * Starts or connects to the server, runs the {@code initialize} handshake and lists its tools.
     *
     * @throws McpConnectException when the command is missing, the server exits, never answers or refuses
     */
    public static McpConnection open(McpServerSpec spec, McpSettings settings) {
        McpJsonMapper json = McpJsonDefaults.getMapper();
        Deque<String> stderr = new ArrayDeque<>();
        Set<ProcessHandle> before = ProcessHandle.current().children().collect(Collectors.toSet());
        WatchedStdio watched = null;
        McpClientTransport transport;
        switch (spec) {
            case McpServerSpec.Stdio stdio -> {
                String program = resolve(stdio.command().getFirst(), stdio);
                watched = new WatchedStdio(
                        ServerParameters.builder(program)
                                .args(stdio.command().subList(1, stdio.command().size()))
                                .env(stdio.env())
                                .build(),
                        json);
                watched.setStdErrorHandler(line -> remember(stderr, line));
                transport = watched;
            }
            case McpServerSpec.Http http -> transport = http(http, json, settings);
        }
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(
                        McpSchema.Implementation.builder("monoscale", "0.1.0").build())
                .requestTimeout(longer(settings.callTimeout(), settings.connectTimeout()))
                .initializationTimeout(settings.connectTimeout())
                .build();
        ProcessHandle process = null;
        try {
            McpSchema.InitializeResult init = watched == null ? client.initialize() : initialize(client, watched);
            if (spec instanceof McpServerSpec.Stdio stdio) {
                process = started(before, stdio)
                        .reduce((a, b) -> b.pid() > a.pid() ? b : a)
                        .orElse(null);
            }
            List<McpTool> tools = new ArrayList<>();
            String cursor = null;
            do {
                McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
                for (McpSchema.Tool tool : page.tools()) {
                    tools.add(new McpTool(
                            tool.name(),
                            tool.title() == null ? "" : tool.title(),
                            tool.description() == null ? "" : tool.description(),
                            tool.inputSchema() == null ? Map.of() : tool.inputSchema()));
                }
                cursor = page.nextCursor() == null
                                || page.nextCursor().isBlank()
                                || page.nextCursor().equals(cursor)
                        ? null
                        : page.nextCursor();
            } while (cursor != null);
            return new McpConnection(spec, settings.callTimeout(), client, init, tools, stderr, process);
        } catch (RuntimeException e) {
            if (e instanceof ServerExited) {
                awaitStderr(stderr);
                quietly(client);
                throw new McpConnectException(
                        FailureKind.UNAVAILABLE,
                        spec.describe() + " exited before it answered 'initialize'" + stderrTail(stderr),
                        e);
            }
            FailureKind kind = kind(e);
            String why = switch (kind) {
                case TIMEOUT -> "did not answer 'initialize' within " + seconds(settings.connectTimeout());
                case UNAVAILABLE -> "cannot be reached (" + rootMessage(e) + ")";
                default -> "failed to start (" + rootMessage(e) + ")";
            };
            quietly(client);
            if (spec instanceof McpServerSpec.Stdio stdio) {
                started(before, stdio).forEach(McpConnection::stop);
            }
            throw new McpConnectException(kind, spec.describe() + " " + why + stderrTail(stderr), e);
        }
    }

    /**
     * The handshake, watched: a stdio server that exits during it is reported at once (the SDK would wait for its
     * timeout) as {@link FailureKind#UNAVAILABLE}.
     */
    private static McpSchema.InitializeResult initialize(McpSyncClient client, WatchedStdio transport) {
        var answer = new CompletableFuture<McpSchema.InitializeResult>();
        Thread.ofVirtual().name("mcp-initialize").start(() -> {
            try {
                answer.complete(client.initialize());
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            CompletableFuture.anyOf(answer, transport.exited).join();
        } catch (CompletionException failed) {
            // the handshake failed: reported below
        }
        if (!answer.isDone()) {
            throw new ServerExited();
        }
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /**
     * The SDK's stdio transport, which also tells when the server's process has exited: the SDK only notices at
     * its request timeout. {@link #exited} completes when the process it started ends, however soon after its start.
     */
    private static final class WatchedStdio extends StdioClientTransport {

        final CompletableFuture<Void> exited = new CompletableFuture<>();

        WatchedStdio(ServerParameters parameters, McpJsonMapper json) {
            super(parameters, json);
        }

        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            // the process is started when the returned Mono runs, so it exists once that succeeds
            return super.connect(handler)
                    .doOnSuccess(started -> Thread.ofVirtual()
                            .name("mcp-server-exit")
                            .start(() -> {
                                try {
                                    awaitForExit();
                                    exited.complete(null);
                                } catch (RuntimeException interrupted) {
                                    // nobody waits on it any more
                                }
                            }));
        }
    }

    /** A stdio server that ended before it answered. */
    private static final class ServerExited extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ServerExited() {
            super("the server's process exited");
        }
    }

    /** The program to run: a path that must exist, or a name found on the {@code PATH}; checked before spawning. */
    private static String resolve(String program, McpServerSpec.Stdio stdio) {
        if (program.contains(File.separator)) {
            if (!Files.isExecutable(Path.of(program))) {
                throw new McpConnectException(
                        FailureKind.UNAVAILABLE,
                        stdio.describe() + " cannot start: '" + program + "' is not an executable file",
                        null);
            }
            return program;
        }
        String path = stdio.env().getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return program;
            }
        }
        throw new McpConnectException(
                FailureKind.UNAVAILABLE,
                stdio.describe() + " cannot start: '" + program + "' is not on the PATH",
                null);
    }

    private static McpClientTransport http(McpServerSpec.Http http, McpJsonMapper json, McpSettings settings) {
        URI url = http.url();
        String base = url.getScheme() + "://" + url.getRawAuthority();
        String endpoint = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/mcp" : url.getRawPath();
        if (url.getRawQuery() != null) {
            endpoint += "?" + url.getRawQuery();
        }
        var builder = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint)
                .jsonMapper(json)
                .connectTimeout(settings.connectTimeout());
        String token = http.token();
        if (token != null) {
            builder.addHttpRequestCustomizer(
                    (request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token));
        }
        return builder.build();
    }

    public McpServerSpec spec() {
        return spec;
    }

    /** The server's name as it reports it in {@code initialize}. */
    public String serverName() {
        return server.name();
    }

    /** The server's title, or its name when it has none. */
    public String serverTitle() {
        return server.title() == null || server.title().isBlank() ? server.name() : server.title();
    }

    public String serverVersion() {
        return server.version() == null ? "" : server.version();
    }

    public String protocolVersion() {
        return protocolVersion;
    }

    /** What the server says about itself in {@code initialize}; empty when nothing. */
    public String instructions() {
        return instructions;
    }

    public List<McpTool> tools() {
        return tools;
    }

    /** The server's process, for a stdio server this started. */
    java.util.Optional<ProcessHandle> process() {
        return java.util.Optional.ofNullable(process);
    }

    /** Calls {@code tool} with {@code arguments}; every fault is a {@link ToolOutcome.Failed}. */
    public ToolOutcome call(String tool, Map<String, Object> arguments) {
        if (process != null && !process.isAlive()) {
            return new ToolOutcome.Failed(
                    FailureKind.UNAVAILABLE, spec.describe() + " has exited" + stderrTail(stderr));
        }
        try {
            McpSchema.CallToolResult result = within(() -> client.callTool(
                    McpSchema.CallToolRequest.builder(tool).arguments(arguments).build()));
            String text = text(result);
            if (Boolean.TRUE.equals(result.isError())) {
                return new ToolOutcome.Failed(
                        FailureKind.ERROR,
                        "tool '%s' of %s reported an error: %s".formatted(tool, spec.describe(), oneLine(text)));
            }
            return new ToolOutcome.Answered(text);
        } catch (RuntimeException e) {
            FailureKind kind = process != null && !process.isAlive() ? FailureKind.UNAVAILABLE : kind(e);
            String what = switch (kind) {
                case TIMEOUT ->
                    "no answer from tool '%s' of %s within the call timeout".formatted(tool, spec.describe());
                case UNAVAILABLE ->
                    process != null && !process.isAlive()
                            ? "%s has exited".formatted(spec.describe())
                            : "%s cannot be reached (%s)".formatted(spec.describe(), rootMessage(e));
                case REJECTED ->
                    "tool '%s' of %s refused the call: %s".formatted(tool, spec.describe(), rootMessage(e));
                case ERROR -> "tool '%s' of %s failed: %s".formatted(tool, spec.describe(), rootMessage(e));
            };
            return new ToolOutcome.Failed(kind, what + stderrTail(stderr));
        }
    }

    /** Runs a blocking SDK call on a virtual thread and waits at most the call timeout for it. */
    private <T> T within(java.util.function.Supplier<T> call) {
        var future = new java.util.concurrent.CompletableFuture<T>();
        Thread thread = Thread.ofVirtual().name("mcp-call").start(() -> {
            try {
                future.complete(call.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        try {
            return future.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new java.util.concurrent.CompletionException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new java.util.concurrent.CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
            throw new java.util.concurrent.CompletionException(new TimeoutException("interrupted"));
        }
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The text of a result: text content joined, other content named, structured content when there is no text. */
    static String text(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        for (McpSchema.Content content : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
            parts.add(
                    switch (content) {
                        case McpSchema.TextContent text -> text.text();
                        case McpSchema.ImageContent image -> "[image " + image.mimeType() + "]";
                        case McpSchema.AudioContent audio -> "[audio " + audio.mimeType() + "]";
                        case McpSchema.ResourceLink link -> "[resource " + link.uri() + "]";
                        case McpSchema.EmbeddedResource resource ->
                            resource.resource() instanceof McpSchema.TextResourceContents text
                                    ? text.text()
                                    : "[resource " + resource.resource().uri() + "]";
                        default -> "[" + content.type() + "]";
                    });
        }
        if (parts.isEmpty() && result.structuredContent() != null) {
            parts.add(String.valueOf(result.structuredContent()));
        }
        return String.join("\n", parts);
    }

    /** The kind of a fault from the SDK, by its cause: no answer, no server, a refused request, or another error. */
    static FailureKind kind(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
                return FailureKind.TIMEOUT;
            }
            if (cause instanceof ConnectException || cause instanceof java.nio.channels.ClosedChannelException) {
                return FailureKind.UNAVAILABLE;
            }
            if (cause instanceof McpError error && error.getJsonRpcError() != null) {
                int code = error.getJsonRpcError().code();
                // invalid params, method not found: the server could not read what was asked
                return code == McpSchema.ErrorCodes.INVALID_PARAMS || code == McpSchema.ErrorCodes.METHOD_NOT_FOUND
                        ? FailureKind.REJECTED
                        : FailureKind.ERROR;
            }
            if (cause.getMessage() != null && cause.getMessage().contains("Status code:404")) {
                return FailureKind.UNAVAILABLE;
            }
        }
        return FailureKind.ERROR;
    }

    @SuppressWarnings("ReferenceEquality") // a cause that is the exception itself, by instance
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return oneLine(message);
    }

    static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 297) + "..." : flat;
    }

    /**
     * Gives the reader of a dead server's stderr up to two seconds to pass on what it wrote, which is all it said:
     * until nothing new has arrived for a quarter of a second.
     */
    private static void awaitStderr(Deque<String> stderr) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        int seen = -1;
        int quiet = 0;
        try {
            while (System.nanoTime() < deadline) {
                int now;
                synchronized (stderr) {
                    now = stderr.size();
                }
                quiet = now == seen ? quiet + 1 : 0;
                if (now > 0 && quiet >= 5) {
                    return;
                }
                seen = now;
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void remember(Deque<String> stderr, String line) {
        synchronized (stderr) {
            stderr.addLast(line);
            while (stderr.size() > STDERR_LINES) {
                stderr.removeFirst();
            }
        }
    }

    private static String stderrTail(Deque<String> stderr) {
        synchronized (stderr) {
            List<String> lines = stderr.stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
            List<String> errors = lines.stream()
                    .filter(line -> line.toLowerCase(java.util.Locale.ROOT).contains("error"))
                    .limit(3)
                    .toList();
            List<String> shown = errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 3), lines.size()) : errors;
            return shown.isEmpty() ? "" : "; its stderr: " + oneLine(String.join(" | ", shown));
        }
    }

    /** Ends the session and stops the server's process, if this started one. */
    @Override
    public void close() {
        quietly(client);
        if (process != null) {
            stop(process);
        }
        if (onExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it stops the process too
            }
        }
    }

    private static void quietly(McpSyncClient client) {
        try {
            client.closeGracefully();
        } catch (RuntimeException ignored) {
            // the process is stopped below either way
        }
    }

    /** The child processes started since {@code before} that run the server's program (others may start at the same time). */
    private static java.util.stream.Stream<ProcessHandle> started(
            Set<ProcessHandle> before, McpServerSpec.Stdio stdio) {
        String program = Path.of(stdio.command().getFirst()).getFileName().toString();
        return ProcessHandle.current()
                .children()
                .filter(child -> !before.contains(child))
                .filter(child -> child.info()
                        .command()
                        .map(command ->
                                Path.of(command).getFileName().toString().equals(program))
                        .orElse(true));
    }

    private static void stop(ProcessHandle process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
