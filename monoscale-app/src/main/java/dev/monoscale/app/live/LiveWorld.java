package dev.monoscale.app.live;

import dev.monoscale.a2a.A2aClientConfig;
import dev.monoscale.a2a.A2aWorkers;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Worker;
import dev.monoscale.distillation.Distiller;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.llm.LabelEstimator;
import dev.monoscale.llm.LlmDistiller;
import dev.monoscale.llm.LlmJudge;
import dev.monoscale.llm.LlmRouter;
import dev.monoscale.llm.LlmRouterConfig;
import dev.monoscale.llm.LlmWarmupSynthesizer;
import dev.monoscale.llm.LlmWorker;
import dev.monoscale.llm.References;
import dev.monoscale.llm.ToolUsingLlmWorker;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.EndpointSettings;
import dev.monoscale.llm.client.OpenAiCompatibleClient;
import dev.monoscale.mcp.McpConnection;
import dev.monoscale.mcp.McpWorker;
import dev.monoscale.mcp.SingleStringChooser;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.synthesis.AnsweredChecker;
import dev.monoscale.synthesis.CardExampleCatalogue;
import dev.monoscale.synthesis.CardWarmupSynthesizer;
import dev.monoscale.synthesis.WarmupSynthesizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The live world a config file describes, wired by hand: one client per endpoint (with its circuit breaker), a
 * worker per entry by endpoint type, and the LLM router, synthesizer, distiller and judge on the router's and
 * judge's models. Keys and tokens are read from the environment here, and only here.
 *
 * <p>A config without a router model gives a model-free world: the embedded memory router, warm-up tasks from
 * the cards' examples ({@link CardExampleCatalogue}), the evidence distiller, and a checker that passes answered
 * tasks ({@link AnsweredChecker}), so a pool of A2A agents can be onboarded with no model at all.
 *
 * <p>An MCP worker's step becomes a tool call filled by the router's model ({@link ModelToolChooser}) or, in a
 * model-free world, given whole to a tool that takes a single string ({@link SingleStringChooser}). {@link #close()}
 * ends every MCP session the config opened and stops the servers it started.
 */
public final class LiveWorld implements AutoCloseable {

    private final LiveConfig config;
    private final Function<String, String> environment;
    private final Function<EndpointSettings, ChatModel> clients;
    private final Map<String, ChatModel> models = new LinkedHashMap<>();
    private final Map<AgentId, Worker> workers = new LinkedHashMap<>();
    private final @Nullable ChatModel routerModel;
    private final @Nullable ChatModel judgeModel;
    private final @Nullable LabelEstimator estimator;
    private final References references = new References();

    /**
     * @param environment looks up environment variables ({@code System::getenv} outside tests)
     * @param clients makes the client for one endpoint ({@code OpenAiCompatibleClient::create} outside tests)
     */
    public LiveWorld(
            LiveConfig config, Function<String, String> environment, Function<EndpointSettings, ChatModel> clients) {
        this.config = config;
        this.environment = environment;
        this.clients = clients;
        EndpointSpec.OpenAi router = config.router();
        EndpointSpec.OpenAi judge = config.judge();
        try {
            this.routerModel = router == null ? null : model(router, "router.endpoint");
            this.judgeModel = judge == null ? null : model(judge, "judge.endpoint");
            this.estimator = routerModel == null
                    ? null
                    : new LabelEstimator(
                            routerModel, Objects.requireNonNull(router).dialect(), LabelEstimator.Settings.defaults());
            for (int i = 0; i < config.workers().size(); i++) {
                LiveConfig.WorkerSpec spec = config.workers().get(i);
                workers.put(spec.card().id(), worker(spec, "workers[" + i + "].endpoint"));
            }
        } catch (RuntimeException e) {
            // a key that is not set: the MCP servers the config started must not outlive the error
            close();
            throw e;
        }
    }

    public static LiveWorld of(LiveConfig config) {
        return new LiveWorld(config, System::getenv, OpenAiCompatibleClient::create);
    }

    /** The worker for one config entry, by its endpoint type. */
    private Worker worker(LiveConfig.WorkerSpec spec, String at) {
        return switch (spec.endpoint()) {
            case EndpointSpec.OpenAi openAi
            when !spec.tools().isEmpty() ->
                ToolUsingLlmWorker.of(
                        spec.card().id(),
                        model(openAi, at),
                        openAi.model(),
                        spec.systemPrompt(),
                        new McpToolBox(spec.tools().stream()
                                .map(EndpointSpec.Mcp::connection)
                                .toList()),
                        spec.maxToolTurns());
            case EndpointSpec.OpenAi openAi ->
                LlmWorker.of(spec.card().id(), model(openAi, at), openAi.model(), spec.systemPrompt());
            case EndpointSpec.A2a a2a -> A2aWorkers.connect(a2a.agent(), client(a2a, at));
            case EndpointSpec.Mcp mcp ->
                new McpWorker(
                        spec.card().id(),
                        mcp.connection(),
                        routerModel == null
                                ? new SingleStringChooser()
                                : new ModelToolChooser(
                                        routerModel,
                                        Objects.requireNonNull(config.router()).model(),
                                        mcp.connection(),
                                        1),
                        java.time.InstantSource.system());
        };
    }

    /** Ends every MCP session of the config and stops the servers it started. */
    @Override
    public void close() {
        config.mcpConnections().forEach(McpConnection::close);
    }

    private A2aClientConfig client(EndpointSpec.A2a spec, String at) {
        A2aClientConfig client = A2aClientConfig.defaults().withTimeouts(spec.timeout(), spec.deadline());
        if (spec.tokenEnv() == null) {
            return client;
        }
        String token = environment.apply(spec.tokenEnv());
        boolean asks = spec.agent().security().kind() != dev.monoscale.a2a.A2aSecurity.Kind.NONE;
        if ((token == null || token.isBlank()) && !asks) {
            // the card asks for no credential: an unset variable costs nothing
            return client;
        }
        if (token == null || token.isBlank()) {
            throw new InvalidInputException(
                    config.source().toString(),
                    at + ".tokenEnv",
                    "'" + spec.tokenEnv() + "' (not set in the environment)",
                    "the name of an environment variable that holds the token; export it first");
        }
        return client.withToken(spec.tokenEnv(), environment);
    }

    private ChatModel model(EndpointSpec.OpenAi spec, String at) {
        String key = null;
        if (spec.apiKeyEnv() != null) {
            key = environment.apply(spec.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new InvalidInputException(
                        config.source().toString(),
                        at + ".apiKeyEnv",
                        "'" + spec.apiKeyEnv() + "' (not set in the environment)",
                        "the name of an environment variable that holds the key; export it first");
            }
        }
        EndpointSettings settings = EndpointSettings.of(spec.baseUrl())
                .withApiKey(key)
                .withRequestTimeout(spec.timeout())
                .withRetry(dev.monoscale.llm.client.RetryPolicy.defaults().withMaxRetries(spec.retries()))
                .withMaxTokens(spec.maxTokens());
        String id = spec.baseUrl() + "|" + spec.apiKeyEnv() + "|" + spec.timeout() + "|" + spec.retries() + "|"
                + spec.maxTokens();
        return models.computeIfAbsent(id, k -> clients.apply(settings));
    }

    public LiveConfig config() {
        return config;
    }

    public Pool pool() {
        return config.pool();
    }

    public Worker worker(AgentId id) {
        Worker worker = workers.get(id);
        if (worker == null) {
            throw new IllegalArgumentException("no worker '%s' in %s".formatted(id, config.source()));
        }
        return worker;
    }

    /** Whether a model routes and judges; false for a model-free world. */
    public boolean hasModel() {
        return routerModel != null;
    }

    public LlmRouterConfig routerConfig(long seed) {
        requireModel();
        return LlmRouterConfig.defaults(Objects.requireNonNull(config.router()).model())
                .withSeed(seed);
    }

    /** The embedded memory router: the conservative lift the LLM router falls back to. */
    public MemoryRouting lift() {
        return MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
    }

    /** The routing for onboarding rounds: the LLM router, or the embedded one in a model-free world. */
    public MemoryRouting routing(long seed) {
        return routerModel == null ? lift() : (pool, memory) -> router(pool, memory, seed);
    }

    /** The LLM router; only in a world with a model. */
    public LlmRouter router(Pool pool, RoutingMemory memory, long seed) {
        return LlmRouter.of(
                pool,
                memory,
                requireModel(),
                Objects.requireNonNull(estimator),
                routerConfig(seed),
                lift().router(pool, memory));
    }

    public WarmupSynthesizer synthesizer(long seed) {
        return routerModel == null
                ? new CardWarmupSynthesizer(new CardExampleCatalogue())
                : new LlmWarmupSynthesizer(
                        routerModel, Objects.requireNonNull(config.router()).model(), references, seed);
    }

    public Distiller distiller(long seed) {
        return routerModel == null
                ? new EvidenceDistiller()
                : new LlmDistiller(
                        routerModel, Objects.requireNonNull(config.router()).model(), 3, 0.7, seed);
    }

    public Checker judge(long seed) {
        return judgeModel == null
                ? new AnsweredChecker()
                : new LlmJudge(
                        judgeModel, Objects.requireNonNull(config.judge()).model(), references::find, seed);
    }

    private ChatModel requireModel() {
        if (routerModel == null) {
            throw new IllegalStateException(
                    "the world of " + config.source() + " is model-free: it has no router model");
        }
        return routerModel;
    }
}
