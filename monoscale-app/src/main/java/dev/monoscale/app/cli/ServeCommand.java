package dev.monoscale.app.cli;

import dev.monoscale.a2a.A2aServer;
import dev.monoscale.a2a.BearerToken;
import dev.monoscale.app.RoutedPoolBackend;
import dev.monoscale.app.Stores;
import dev.monoscale.app.live.LiveWorld;
import dev.monoscale.app.service.Dashboard;
import dev.monoscale.app.service.LiveRouter;
import dev.monoscale.app.service.MemoryHead;
import dev.monoscale.app.service.OnboardingJobs;
import dev.monoscale.app.service.PolledMemoryHead;
import dev.monoscale.app.service.RoundLauncher;
import dev.monoscale.app.service.ServedPool;
import dev.monoscale.app.service.ServiceApi;
import dev.monoscale.app.service.ServiceMetrics;
import dev.monoscale.app.service.ServiceTraces;
import dev.monoscale.app.service.Telemetry;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Router;
import dev.monoscale.core.Worker;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.onboarding.Onboarding;
import dev.monoscale.resilience.ResilienceConfig;
import dev.monoscale.resilience.ResilientWorkers;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monoscale serve}: the routed multi-agent system as one A2A agent. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the multi-agent system as one A2A agent (protocol 1.0 and 0.3, JSON-RPC and HTTP+JSON, SSE streaming): its card at",
            "/.well-known/agent-card.json lists the pool's skills, and every message is routed with the memory in --db. The pool is a",
            "simulated world's stage, or the A2A agents named with --agent (base URLs, card URLs or card files)."
        })
final class ServeCommand implements Callable<Integer> {

    /** How often the service reads the memory store's head. */
    static final Duration HEAD_POLL = Duration.ofMillis(500);

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = {
                "The address to bind (default: ${DEFAULT-VALUE}); an address beyond",
                "loopback needs --auth-token-env."
            })
    String host;

    @Option(
            names = "--auth-token-env",
            paramLabel = "VAR",
            description = {
                "The environment variable holding the bearer token clients must send",
                "(Authorization: Bearer ...) to every endpoint but the agent card; the card then declares it."
            })
    String authTokenEnv;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "The port to bind; 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @CommandLine.Mixin
    PoolOptions source = new PoolOptions();

    @Option(
            names = "--db",
            description = {
                "The memory: an SQLite file, or postgresql://USER@HOST[:PORT]/DATABASE[?schema=NAME] with the password in PGPASSWORD;",
                "without it, the empty memory over the pool. A new head appended by onboard, rollback or another",
                "replica is routed with as soon as the store reports it."
            })
    String db;

    @Option(
            names = "--public-url",
            description = {
                "The base URL clients reach the server at, named in its card instead of the bound address",
                "(behind a proxy, or bound to 0.0.0.0), such as https://agents.example.com/office."
            })
    String publicUrl;

    @Option(
            names = "--name",
            defaultValue = "MonoScale",
            description = "The served agent's name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(
            names = "--block-ms",
            defaultValue = "30000",
            description =
                    "How long a blocking send waits before answering with a working task (default: ${DEFAULT-VALUE}).")
    long blockMillis;

    @Option(
            names = "--otlp-endpoint",
            description = {
                "Export OpenTelemetry spans (routing decisions, onboarding rounds) to this OTLP/HTTP",
                "endpoint, such as http://127.0.0.1:4318/v1/traces (default: no export)."
            })
    String otlpEndpoint;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        // a serve that fails to start leaves no memory it created behind
        java.util.Optional<Stores.NewMemory> fresh = db == null ? java.util.Optional.empty() : Stores.newMemory(db);
        try {
            return start();
        } catch (RuntimeException e) {
            fresh.ifPresent(Stores.NewMemory::discardIfNoRound);
            throw e;
        }
    }

    private int start() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new InvalidInputException("--port", "port", Integer.toString(port), "a port number in [0, 65535]");
        }
        if (publicUrl != null) {
            A2aServer.publicUrl(publicUrl);
        }
        bindable(host);
        BearerToken token = token();
        if (token == null && !A2aServer.isLoopback(host)) {
            throw new InvalidInputException(
                    "--host",
                    "host",
                    "'" + host + "'",
                    "a loopback address (127.0.0.1, ::1, localhost), or any address with a token (--auth-token-env)");
        }
        if (blockMillis < 1) {
            throw new InvalidInputException(
                    "--block-ms", "block", Long.toString(blockMillis), "a positive number of milliseconds");
        }
        try (PoolSource chosen = source.resolve(spec.commandLine().getErr())) {
            return switch (chosen) {
                case PoolSource.Live live -> serveLive(live);
                case PoolSource.Simulated sim -> serveOver(chosen, sim.world()::worker, sim.world());
                case PoolSource.Agents agents -> serveOver(chosen, agents::worker, null);
            };
        }
    }

    /** Serves a simulated world's stage, or A2A agents; the pool grows by the workers onboarded through the API. */
    private int serveOver(PoolSource chosen, Function<AgentId, Worker> calls, @Nullable SimWorld world)
            throws InterruptedException {
        // the pool grows by the workers onboarded through the API: routed to and called without a restart
        ServedPool served = new ServedPool(chosen.pool(), calls);
        var workers = new ResilientWorkers(ResilienceConfig.defaults()).wrap(served::worker);
        return serve(
                served,
                memory -> MemoryRouter.of(
                        served.current(), memory, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()),
                workers,
                chosen.initial(),
                chosen instanceof PoolSource.Agents,
                store -> ServeRounds.overWorld(served, store, world, workers, chosen.client()));
    }

    /** What --host may be, for messages. */
    static final String HOST_ALLOWED = "an address of this machine: 127.0.0.1 (the default), ::1, localhost,"
            + " 0.0.0.0 for every interface, or one interface's address";

    /**
     * Checks that {@code host} names an address of this machine before anything starts, so that a typo is not
     * reported by the server as a port in use.
     */
    static void bindable(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new InvalidInputException("--host", "host", "'" + host + "' (cannot be resolved)", HOST_ALLOWED);
        }
        boolean local;
        try {
            local = address.isAnyLocalAddress()
                    || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            local = false;
        }
        if (!local) {
            throw new InvalidInputException(
                    "--host",
                    "host",
                    "'%s' (%s, not an address of this machine)".formatted(host, address.getHostAddress()),
                    HOST_ALLOWED);
        }
    }

    /** The bind failure in {@code e}'s causes, if the server could not bind its address. */
    static java.util.Optional<BindException> bindFailure(Throwable e) {
        for (Throwable at = e; at != null; at = at.getCause()) {
            if (at instanceof BindException bind) {
                return java.util.Optional.of(bind);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The memory in --db. Over A2A agents named with --agent, a missing memory is created with version 0 over them (no
     * other command onboards such a pool); over a world or a config, it must exist: {@code onboard} creates it.
     */
    private MemoryStore memory(RoutingMemory fallback, boolean agentPool) {
        if (!agentPool) {
            return Stores.openExisting(
                    db,
                    "an existing memory database; `monoscale onboard --db FILE` (with --config for a"
                            + " live config) creates one, and serve creates one itself only for an --agent pool");
        }
        boolean fresh = Stores.absentFile(db).isPresent();
        MemoryStore store = fresh
                ? Stores.open(db)
                : Stores.openExisting(db, "an existing memory database, or a path where none exists yet");
        if (fresh) {
            Onboarding.start(store, fallback.validated(), InstantSource.system());
            spec.commandLine().getOut().println("memory " + db + ": v0, the empty memory over " + fallback.validated());
        }
        return store;
    }

    private @Nullable BearerToken token() {
        return authTokenEnv == null
                ? null
                : BearerToken.fromEnvironment("--auth-token-env", authTokenEnv, System::getenv);
    }

    private int serveLive(PoolSource.Live source) throws InterruptedException {
        LiveWorld live = source.world();
        Pool pool = live.pool();
        // one router answers every request of the service, each a new task: nothing to remember between them
        Function<RoutingMemory, Router> routers = memory -> live.hasModel()
                ? live.router(pool, memory, 1)::routeUncached
                : live.lift().router(pool, memory);
        // every configured worker is served from the start (masked until the memory trusts it): onboarding one
        // through the API changes the memory, not the pool
        var workers = new ResilientWorkers(ResilienceConfig.defaults()).wrap(live::worker);
        return serve(
                new ServedPool(pool, live::worker),
                routers,
                workers,
                source.initial(),
                false,
                store -> ServeRounds.overLive(live, store, source.client()));
    }

    /**
     * Serves the pool as one A2A agent plus the HTTP API, on one server behind one guard. With {@code --db} (an SQLite
     * file or a PostgreSQL URL) the store's head is polled every 500 ms, so versions another process appends are
     * routed with without a restart, and each new head is announced on stdout.
     */
    private int serve(
            ServedPool pool,
            Function<RoutingMemory, Router> routers,
            Function<AgentId, Worker> workers,
            RoutingMemory fallback,
            boolean agentPool,
            Function<MemoryStore, RoundLauncher> rounds)
            throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        OpenTelemetry telemetry = Telemetry.of(otlpEndpoint);
        ServiceMetrics metrics = new ServiceMetrics();
        ServiceTraces traces = new ServiceTraces(telemetry);
        try (MemoryStore store = db == null ? null : memory(fallback, agentPool);
                PolledMemoryHead polled = store == null ? null : PolledMemoryHead.of(store, fallback, HEAD_POLL);
                OnboardingJobs jobs = store == null
                        ? null
                        : new OnboardingJobs(metrics.count(traces.trace(rounds.apply(store))), InstantSource.system());
                MemoryStore.Subscription announce = store == null
                        ? null
                        : store.onNewHead(version -> {
                            out.printf("memory %s: now routing with %s%n", db, version);
                            out.flush();
                        })) {
            MemoryHead head = polled == null ? MemoryHead.fixed(fallback) : polled;
            LiveRouter router = new LiveRouter(head, routers, metrics.and(traces), pool::joinedCount);
            ServiceApi api = new ServiceApi(router, store, db == null ? "none" : db, InstantSource.system(), jobs);
            A2aServer started;
            try {
                started = A2aServer.builder(new RoutedPoolBackend(name, pool::current, router, metrics.meter(workers)))
                        .bind(host, port)
                        .blockFor(Duration.ofMillis(blockMillis))
                        .clock(InstantSource.system())
                        .token(token())
                        .publicUrl(publicUrl)
                        .open(ServiceApi::open)
                        .open(Dashboard::open)
                        .configure(api::register)
                        .configure(metrics::register)
                        .configure(Dashboard::register)
                        .start();
            } catch (RuntimeException e) {
                BindException bind = bindFailure(e).orElseThrow(() -> e);
                throw new InvalidInputException(
                        "--port",
                        "port",
                        "%d on %s (cannot be bound: %s)".formatted(port, host, bind.getMessage()),
                        "a port no other process listens on, or 0 for any free port");
            }
            try (A2aServer server = started) {
                out.printf(
                        "serving %s (memory %s over %d workers) at %s/.well-known/agent-card.json, the API at %s/api/v1/ "
                                + "and the dashboard at %s/; Ctrl-C stops%n",
                        name,
                        head.current().version(),
                        pool.current().size(),
                        server.url(),
                        server.url(),
                        server.url());
                out.flush();
                // on Ctrl-C the hook lets the server close (answering what is in flight) before the JVM halts
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop.countDown();
                    try {
                        closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                stop.await();
            }
        } finally {
            if (telemetry instanceof OpenTelemetrySdk sdk) {
                sdk.close();
            }
            closed.countDown();
        }
        return 0;
    }
}
