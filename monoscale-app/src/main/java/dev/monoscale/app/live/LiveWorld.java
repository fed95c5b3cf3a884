package dev.monoscale.app.live;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Worker;
import dev.monoscale.llm.LabelEstimator;
import dev.monoscale.llm.LlmDistiller;
import dev.monoscale.llm.LlmJudge;
import dev.monoscale.llm.LlmRouter;
import dev.monoscale.llm.LlmRouterConfig;
import dev.monoscale.llm.LlmWarmupSynthesizer;
import dev.monoscale.llm.LlmWorker;
import dev.monoscale.llm.References;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.EndpointSettings;
import dev.monoscale.llm.client.OpenAiCompatibleClient;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The live world a config file describes, wired by hand: one client per endpoint (with its circuit breaker), a
 * worker per entry by endpoint type, and the LLM router, synthesizer, distiller and judge on the router's and
 * judge's models. Keys are read from the environment here, and only here.
 */
public final class LiveWorld {

    private final LiveConfig config;
    private final Function<String, String> environment;
    private final Function<EndpointSettings, ChatModel> clients;
    private final Map<String, ChatModel> models = new LinkedHashMap<>();
    private final Map<AgentId, Worker> workers = new LinkedHashMap<>();
    private final ChatModel routerModel;
    private final ChatModel judgeModel;
    private final LabelEstimator estimator;
    private final References references = new References();

    /**
     * @param environment looks up environment variables ({@code System::getenv} outside tests)
     * @param clients makes the client for one endpoint ({@code OpenAiCompatibleClient::create} outside tests)
     */
    public LiveWorld(LiveConfig config, Function<String, String> environment, Function<EndpointSettings, ChatModel> clients) {
        this.config = config;
        this.environment = environment;
        this.clients = clients;
        this.routerModel = model(config.router(), "router.endpoint");
        this.judgeModel = model(config.judge(), "judge.endpoint");
        this.estimator = new LabelEstimator(routerModel, config.router().dialect(), LabelEstimator.Settings.defaults());
        for (int i = 0; i < config.workers().size(); i++) {
            LiveConfig.WorkerSpec spec = config.workers().get(i);
            workers.put(spec.card().id(), worker(spec, "workers[" + i + "].endpoint"));
        }
    }

    public static LiveWorld of(LiveConfig config) {
        return new LiveWorld(config, System::getenv, OpenAiCompatibleClient::create);
    }

    /** The worker for one config entry, by its endpoint type. */
    private Worker worker(LiveConfig.WorkerSpec spec, String at) {
        return switch (spec.endpoint()) {
            case EndpointSpec.OpenAi openAi -> LlmWorker.of(spec.card().id(), model(openAi, at), openAi.model(), spec.systemPrompt());
        };
    }

    private ChatModel model(EndpointSpec.OpenAi spec, String at) {
        String key = null;
        if (spec.apiKeyEnv() != null) {
            key = environment.apply(spec.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new InvalidInputException(config.source().toString(), at + ".apiKeyEnv", "'" + spec.apiKeyEnv() + "' (not set in the environment)",
                        "the name of an environment variable that holds the key; export it first");
            }
        }
        EndpointSettings settings = EndpointSettings.of(spec.baseUrl()).withApiKey(key).withRequestTimeout(spec.timeout())
                .withRetry(dev.monoscale.llm.client.RetryPolicy.defaults().withMaxRetries(spec.retries()));
        String id = spec.baseUrl() + "|" + spec.apiKeyEnv() + "|" + spec.timeout() + "|" + spec.retries();
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

    public ChatModel routerModel() {
        return routerModel;
    }

    public LlmRouterConfig routerConfig(long seed) {
        LlmRouterConfig defaults = LlmRouterConfig.defaults(config.router().model(), config.router().dialect());
        return new LlmRouterConfig(defaults.model(), defaults.dialect(), defaults.estimator(), defaults.retrieval(), defaults.cardTokens(), seed);
    }

    /** The embedded memory router: the conservative lift the LLM router falls back to. */
    public MemoryRouting lift() {
        return MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
    }

    public MemoryRouting routing(long seed) {
        return LlmRouter.routing(routerModel, estimator, routerConfig(seed), lift());
    }

    public LlmRouter router(Pool pool, RoutingMemory memory, long seed) {
        return LlmRouter.of(pool, memory, routerModel, estimator, routerConfig(seed), lift().router(pool, memory));
    }

    public LlmWarmupSynthesizer synthesizer(long seed) {
        return new LlmWarmupSynthesizer(routerModel, config.router().model(), references, seed);
    }

    public LlmDistiller distiller(long seed) {
        return new LlmDistiller(routerModel, config.router().model(), 3, 0.7, seed);
    }

    public LlmJudge judge(long seed) {
        return new LlmJudge(judgeModel, config.judge().model(), references::find, seed);
    }
}
