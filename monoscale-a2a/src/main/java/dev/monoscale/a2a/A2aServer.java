package dev.monoscale.a2a;

import dev.monoscale.core.InvalidInputException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * Publishes an {@link A2aBackend} as one A2A agent over HTTP, at protocol 1.0 and 0.3, over JSON-RPC and HTTP+JSON.
 *
 * <ul>
 *   <li>{@code GET /.well-known/agent-card.json} (and the old {@code /.well-known/agent.json}): with
 *       {@code A2A-Version: 1.0} the 1.0 card (its {@code supportedInterfaces} list all four interfaces); without it
 *       a 0.3 card ({@code url}, {@code preferredTransport}, {@code additionalInterfaces}) that also carries
 *       {@code supportedInterfaces} ({@link A2aCard});
 *   <li>{@code POST /a2a/jsonrpc} ({@link A2aJsonRpc}) and {@code /a2a/rest} ({@link A2aRest}).
 * </ul>
 * Every send makes a task ({@link TaskRunner}), kept in a {@link TaskStore}. A blocking send answers once the task is
 * done or after {@code blockFor}, whichever comes first; the client then polls {@code GetTask}. A streaming send
 * answers with server-sent events ({@link A2aEventStream}).
 *
 * <p>Every request first passes {@link HttpGuard} (Host, Origin, bearer token, JSON bodies). The server binds only
 * a loopback address unless it asks for a token. Requests run on virtual threads within {@link ServerLimits}:
 * connections idle too long, bodies too slow or too large, and connections past the cap are cut, so slow or many
 * clients cannot starve the others. {@link Builder#configure} adds routes of the embedding application (its HTTP
 * API, a dashboard) to the same server, behind the same guard.
 */
public final class A2aServer implements AutoCloseable {

    /** How many tasks the server keeps by default; past it the oldest finished ones are forgotten. */
    static final int MAX_TASKS = 10_000;

    private final A2aBackend backend;
    private final TaskStore store;
    private final TaskRunner tasks;
    private final HttpGuard guard;
    private final boolean bearer;
    private final ServerLimits limits;
    private final ScheduledExecutorService deadlines;
    private final NetworkConnectionLimit connectionLimit;
    private final Javalin app;
    private final String base;
    /** The base URL the card names; {@link #base} unless the server is reached through another address. */
    private volatile String advertised;

    private A2aServer(Builder b) {
        this.backend = b.backend;
        this.store = b.store == null ? TaskStore.inMemory(b.maxTasks) : b.store;
        this.tasks = new TaskRunner(backend, store, b.blockFor, b.clock);
        this.bearer = b.token != null;
        this.limits = b.limits;
        Predicate<String> open =
                path -> path.equals("/.well-known/agent-card.json") || path.equals("/.well-known/agent.json");
        this.guard = new HttpGuard(b.token, open.or(b.open));
        this.deadlines = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("a2a-body-deadline").factory());
        A2aJsonRpc jsonRpc = new A2aJsonRpc(tasks);
        A2aRest rest = new A2aRest(tasks);
        NetworkConnectionLimit[] limit = new NetworkConnectionLimit[1];
        this.app = Javalin.create(cfg -> {
                    cfg.startup.showJavalinBanner = false;
                    cfg.concurrency.useVirtualThreads = true;
                    cfg.http.maxRequestSize = limits.maxRequestBytes();
                    cfg.jetty.modifyHttpConfiguration(http -> {
                        http.setRequestHeaderSize(limits.maxHeaderBytes());
                        http.setSendServerVersion(false);
                    });
                    cfg.jetty.addConnector((server, http) -> {
                        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                        connector.setHost(b.host);
                        connector.setPort(b.port);
                        connector.setIdleTimeout(limits.idleTimeout().toMillis());
                        if (b.connections != null) {
                            connector.addEventListener(b.connections);
                        }
                        limit[0] = new NetworkConnectionLimit(limits.maxConnections(), connector);
                        server.addBean(limit[0]);
                        return connector;
                    });
                    cfg.routes.before(this::admit);
                    cfg.routes.get("/.well-known/agent-card.json", this::card);
                    cfg.routes.get("/.well-known/agent.json", this::card);
                    cfg.routes.post("/a2a/jsonrpc", jsonRpc::handle);
                    cfg.routes.post("/a2a/rest/*", rest::handle);
                    cfg.routes.get("/a2a/rest/*", rest::handle);
                    b.configure.accept(cfg);
                })
                .start();
        this.connectionLimit = Objects.requireNonNull(limit[0]);
        String shown = b.host.contains(":") && !b.host.startsWith("[") ? "[" + b.host + "]" : b.host;
        this.base = "http://%s:%d".formatted(shown, app.port());
        this.advertised = base;
        guard.allowBound(b.host, app.port());
        if (b.publicUrl != null) {
            advertising(b.publicUrl);
        }
    }

    /** A server for {@code backend}; by default on 127.0.0.1 at any free port, with no token. */
    public static Builder builder(A2aBackend backend) {
        return new Builder(backend);
    }

    /**
     * Starts serving on {@code host}:{@code port} (0 for any free port), with no token (so {@code host} must be a
     * loopback address) and the default {@link ServerLimits}.
     *
     * @param blockFor how long a blocking send waits for the task to finish before it answers with the working task
     */
    public static A2aServer start(A2aBackend backend, String host, int port, Duration blockFor, InstantSource clock) {
        return builder(backend).bind(host, port).blockFor(blockFor).clock(clock).start();
    }

    /** Same as {@link #start(A2aBackend, String, int, Duration, InstantSource)}, keeping at most {@code maxTasks} finished tasks. */
    static A2aServer start(
            A2aBackend backend, String host, int port, Duration blockFor, InstantSource clock, int maxTasks) {
        return builder(backend)
                .bind(host, port)
                .blockFor(blockFor)
                .clock(clock)
                .maxTasks(maxTasks)
                .start();
    }

    /**
     * Names {@code publicUrl} (such as {@code https://agents.example.com/office}) in the card instead of the bound
     * address, and accepts requests that name its host: for a server behind a proxy, or bound to {@code 0.0.0.0},
     * whose clients must call another address.
     *
     * @return this server
     */
    public A2aServer advertising(String publicUrl) {
        String url = publicUrl(publicUrl);
        guard.allowPublic(url);
        this.advertised = url;
        return this;
    }

    /**
     * {@code url} as a public base URL (no trailing slash), or an input error naming {@code --public-url}: an http(s)
     * URL with a host and no user info.
     */
    public static String publicUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getScheme() == null
                || !uri.getScheme().matches("https?")
                || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            throw new InvalidInputException(
                    "--public-url",
                    "url",
                    "'" + url + "'",
                    "an http(s) URL with a host and no user info, such as https://agents.example.com/office");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** Whether {@code host} (a name or an address literal) resolves only to loopback addresses. */
    public static boolean isLoopback(String host) {
        return HttpGuard.isLoopback(host);
    }

    /** How many tasks the server holds. */
    int taskCount() {
        return store.size();
    }

    /** How many connections are open now. */
    public int openConnections() {
        return connectionLimit.getNetworkConnectionCount();
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
        tasks.close();
        deadlines.shutdownNow();
    }

    // ---- every request ---------------------------------------------------------------------------------------

    /**
     * The guard, then, for a request with a body, the body read in full within {@link ServerLimits#bodyTimeout()}
     * (the connection is closed at the deadline). The body stays cached for the route.
     */
    private void admit(Context ctx) {
        guard.check(ctx);
        if (ctx.res().getStatus() >= 400 || ctx.req().getContentLengthLong() == 0) {
            return;
        }
        String method = ctx.method().name();
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            return;
        }
        var endPoint = ServletContextRequest.getServletContextRequest(ctx.req())
                .getConnectionMetaData()
                .getConnection()
                .getEndPoint();
        ScheduledFuture<?> deadline = deadlines.schedule(
                (Runnable) endPoint::close, limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            ctx.bodyAsBytes();
        } catch (RuntimeException e) {
            // too large or cut off: the route reads the body again and answers the error in its own protocol's shape
        } finally {
            deadline.cancel(false);
        }
    }

    private void card(Context ctx) {
        ctx.header("Vary", "A2A-Version");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("application/json");
        ctx.result(card(A2aJsonRpc.version(ctx.header("A2A-Version")) == A2aProtocol.JSONRPC_1_0)
                .toString());
    }

    /** The card: 1.0 form, or the 0.3 form that also lists the 1.0 interfaces. */
    com.fasterxml.jackson.databind.node.ObjectNode card(boolean v1) {
        return A2aCard.of(backend, advertised, v1, bearer);
    }

    /** How to start an {@link A2aServer}. */
    public static final class Builder {

        private final A2aBackend backend;
        private String host = "127.0.0.1";
        private int port;
        private Duration blockFor = Duration.ofSeconds(30);
        private InstantSource clock = InstantSource.system();
        private int maxTasks = MAX_TASKS;
        private @Nullable TaskStore store;
        private @Nullable BearerToken token;
        private ServerLimits limits = ServerLimits.defaults();
        private @Nullable String publicUrl;
        private Predicate<String> open = path -> false;
        private Consumer<JavalinConfig> configure = cfg -> {};
        private Connection.@Nullable Listener connections;

        private Builder(A2aBackend backend) {
            this.backend = Objects.requireNonNull(backend);
        }

        /** The address and port to bind (port 0: any free port). */
        public Builder bind(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        /** How long a blocking send waits for its task before answering with the working task. */
        public Builder blockFor(Duration blockFor) {
            this.blockFor = blockFor;
            return this;
        }

        public Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        Builder maxTasks(int maxTasks) {
            if (maxTasks < 1) {
                throw new IllegalArgumentException("maxTasks must be positive: " + maxTasks);
            }
            this.maxTasks = maxTasks;
            return this;
        }

        /** Where tasks are kept; by default {@link TaskStore#inMemory} with 10,000 tasks. */
        public Builder tasks(TaskStore store) {
            this.store = store;
            return this;
        }

        /** Asks every request, except to open paths, for this bearer token; the card then declares it. */
        public Builder token(@Nullable BearerToken token) {
            this.token = token;
            return this;
        }

        public Builder limits(ServerLimits limits) {
            this.limits = limits;
            return this;
        }

        /** See {@link A2aServer#advertising}. */
        public Builder publicUrl(@Nullable String url) {
            this.publicUrl = url == null ? null : A2aServer.publicUrl(url);
            return this;
        }

        /** Paths, besides the agent card, that answer without the token (such as a health check). */
        public Builder open(Predicate<String> paths) {
            this.open = this.open.or(paths);
            return this;
        }

        /** Adds the embedding application's routes (and request logger, static files...) to the server's config. */
        public Builder configure(Consumer<JavalinConfig> configure) {
            this.configure = this.configure.andThen(configure);
            return this;
        }

        /** Told about every connection opened and closed; for tests that wait on connections. */
        Builder connections(Connection.Listener listener) {
            this.connections = listener;
            return this;
        }

        /**
         * Binds and starts the server; an input error naming {@code --host} when the address is not a loopback one
         * and no token is asked for.
         */
        public A2aServer start() {
            if (token == null && !HttpGuard.isLoopback(host)) {
                throw new InvalidInputException(
                        "--host",
                        "host",
                        "'" + host + "'",
                        "a loopback address (127.0.0.1, ::1, localhost), or any address with a token (--auth-token-env)");
            }
            return new A2aServer(this);
        }
    }
}
