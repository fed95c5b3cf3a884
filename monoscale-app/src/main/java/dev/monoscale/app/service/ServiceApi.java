package dev.monoscale.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.app.MemoryViews;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryDiff;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.MemoryVersionConflictException;
import dev.monoscale.memory.Probe;
import dev.monoscale.memory.RoutingMemory;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP API under {@code /api/v1/}, JSON in and out, described by {@code /api/v1/openapi.json}:
 *
 * <ul>
 *   <li>{@code GET health} (open: no token): whether the memory store answers, and its head;
 *   <li>{@code POST route} {@code {"task": "...", "steps": [...]}}: the plan with each step's worker, the full
 *       distribution and why, and the memory version it was routed with;
 *   <li>{@code GET memory} (the log, newest first, as {@code memory log --format json}), {@code GET memory/{version}}
 *       (as {@code memory show --format json}), {@code GET memory/{version}/evidence} (the round's evidence kept
 *       with the version: per new worker, the patterns probed), {@code GET memory/diff?from=&to=} (as {@code memory diff}),
 *       {@code POST memory/rollback} {@code {"to": "v1"}} (appends a version, as {@code memory rollback});
 *   <li>{@code POST onboard} {@code {"cardUrl": ...} or {"card": {...}}, "round": {...}}: a job id at once (409
 *       while another round runs); {@code GET jobs/{id}}: its phase, warm-up progress and, once done, the round report
 *       (as {@code onboard --format json}).
 * </ul>
 * Bad input is a 400 whose message is the CLI's one line; a store that cannot be reached is a 503.
 */
public final class ServiceApi {

    /** Paths that answer without the token. */
    public static boolean open(String path) {
        return path.equals("/api/v1/health") || path.equals("/api/v1/openapi.json");
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LiveRouter router;
    private final @Nullable MemoryStore store;
    private final String storeName;
    private final InstantSource clock;
    private final @Nullable OnboardingJobs jobs;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param store the memory database the service routes with; null for a service without one (the memory
     *     endpoints then answer 404)
     * @param storeName what the health check calls the store, such as {@code sqlite memory.db}; never a credential
     */
    public ServiceApi(LiveRouter router, @Nullable MemoryStore store, String storeName, InstantSource clock) {
        this(router, store, storeName, clock, null);
    }

    /** @param jobs the onboarding rounds {@code POST onboard} starts; null where the service cannot onboard (no store) */
    public ServiceApi(
            LiveRouter router,
            @Nullable MemoryStore store,
            String storeName,
            InstantSource clock,
            @Nullable OnboardingJobs jobs) {
        this.jobs = jobs;
        this.router = router;
        this.store = store;
        this.storeName = storeName;
        this.clock = clock;
    }

    /** Adds the API's routes to a server's config. */
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/v1/health", this::health);
        cfg.routes.get("/api/v1/openapi.json", this::openApi);
        cfg.routes.post("/api/v1/route", this::route);
        cfg.routes.get("/api/v1/memory", this::log);
        cfg.routes.get("/api/v1/memory/diff", this::diff);
        cfg.routes.post("/api/v1/memory/rollback", this::rollback);
        cfg.routes.get("/api/v1/memory/{version}", this::show);
        cfg.routes.get("/api/v1/memory/{version}/evidence", this::evidence);
        cfg.routes.post("/api/v1/onboard", this::onboard);
        cfg.routes.get("/api/v1/jobs/{id}", this::job);
        cfg.routes.exception(OnboardingJobs.Busy.class, (e, ctx) -> error(ctx, 409, "ABORTED", message(e)));
        cfg.routes.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, "INVALID_ARGUMENT", message(e)));
        cfg.routes.exception(NoStore.class, (e, ctx) -> error(ctx, 404, "NOT_FOUND", message(e)));
        cfg.routes.exception(MemoryVersionConflictException.class, (e, ctx) -> error(ctx, 409, "ABORTED", message(e)));
    }

    private void health(Context ctx) {
        ObjectNode n = MAPPER.createObjectNode();
        ObjectNode memory = n.putObject("memory");
        memory.put("store", storeName);
        memory.put("routingWith", router.memory().version().toString());
        boolean up = true;
        if (store != null) {
            try {
                memory.put("head", store.head().map(m -> m.version().toString()).orElse(null));
                memory.put("reachable", true);
            } catch (RuntimeException e) {
                up = false;
                memory.put("reachable", false);
                memory.put("problem", e.getClass().getSimpleName());
            }
        }
        n.put("status", up ? "ok" : "degraded");
        json(ctx.status(up ? 200 : 503), n);
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = ServiceApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            ctx.contentType("application/json").result(in.readAllBytes());
        }
    }

    private void route(Context ctx) {
        JsonNode body = body(ctx);
        String text = body.path("task").asText("").strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("POST /api/v1/route", "task", "(missing or blank)", "the task's text");
        }
        List<String> texts = new ArrayList<>();
        body.path("steps").forEach(step -> texts.add(step.asText("")));
        if (texts.isEmpty()) {
            texts.add(text);
        }
        List<Subtask> subtasks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            subtasks.add(new Subtask(i, texts.get(i), i == 0 ? List.of() : List.of(i - 1)));
        }
        Task task = new Task(TaskId.of("api-" + requests.incrementAndGet()), text, subtasks);
        json(ctx, RouteViews.tree(router.routeNamed(task)));
    }

    private void log(Context ctx) {
        ArrayNode log = MAPPER.createArrayNode();
        store().history().reversed().forEach(memory -> log.add(MemoryViews.summary(memory)));
        json(ctx, log);
    }

    private void show(Context ctx) {
        json(ctx, MemoryViews.tree(version(ctx.pathParam("version"))));
    }

    /**
     * The evidence kept with a version: per new worker of the round that made it, the patterns probed with their
     * success rates, 95% Wilson intervals and mean rewards, and the incumbent's record there.
     */
    private void evidence(Context ctx) {
        RoutingMemory memory = version(ctx.pathParam("version"));
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", memory.version().toString());
        n.put("outcome", memory.gate().outcome().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode workers = n.putArray("workers");
        java.util.Map<String, ArrayNode> byWorker = new java.util.LinkedHashMap<>();
        for (Probe probe : memory.probes()) {
            ArrayNode patterns = byWorker.computeIfAbsent(probe.worker().value(), worker -> {
                ObjectNode w = workers.addObject();
                w.put("worker", worker);
                return w.putArray("patterns");
            });
            ObjectNode p = patterns.addObject();
            p.put("pattern", probe.pattern());
            p.put("example", probe.example());
            p.put("tasks", probe.tasks());
            p.put("successes", probe.successes());
            p.put("trials", probe.trials());
            p.put("rate", (double) probe.successes() / probe.trials());
            p.putArray("ci95").add(probe.ciLow()).add(probe.ciHigh());
            p.put("meanReward", probe.meanReward());
            ObjectNode incumbent = p.putObject("incumbent");
            incumbent.put("worker", probe.incumbent());
            incumbent.put("successes", probe.incumbentSuccesses());
            incumbent.put("trials", probe.incumbentTrials());
        }
        json(ctx, n);
    }

    private void diff(Context ctx) {
        String from = ctx.queryParam("from");
        if (from == null) {
            throw InvalidInputException.missing("GET /api/v1/memory/diff", "from", "a version, such as v0");
        }
        String to = ctx.queryParam("to");
        RoutingMemory b = to == null ? head() : version(to);
        json(ctx, MemoryViews.tree(MemoryDiff.between(version(from), b)));
    }

    private void rollback(Context ctx) {
        String to = body(ctx).path("to").asText("");
        if (to.isBlank()) {
            throw InvalidInputException.missing(
                    "POST /api/v1/memory/rollback", "to", "the version to restore, such as v1");
        }
        RoutingMemory target = version(to);
        RoutingMemory head = head();
        RoutingMemory next =
                head.next(target.validated(), target.entries(), GateRecord.rollback(target.version()), clock.instant());
        store().append(next);
        ObjectNode n = MemoryViews.summary(next);
        n.put("restores", target.version().toString());
        json(ctx.status(201), n);
    }

    private void onboard(Context ctx) {
        if (jobs == null) {
            throw new NoStore();
        }
        OnboardingJobs.Job job = jobs.submit(OnboardRequest.of(body(ctx)));
        ctx.header("Location", "/api/v1/jobs/" + job.id());
        json(ctx.status(202), job.tree());
    }

    private void job(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<OnboardingJobs.Job> job = jobs == null ? Optional.empty() : jobs.find(id);
        if (job.isEmpty()) {
            error(ctx, 404, "NOT_FOUND", "no onboarding job " + id);
            return;
        }
        json(ctx, job.get().tree());
    }

    private MemoryStore store() {
        if (store == null) {
            throw new NoStore();
        }
        return store;
    }

    private RoutingMemory head() {
        return store().head()
                .orElseThrow(() ->
                        new InvalidInputException("memory", "head", "(none)", "a store with at least one version"));
    }

    private RoutingMemory version(String text) {
        MemoryVersion version;
        try {
            version = MemoryVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("memory", "version", "'" + text + "'", "v0, v1, ... up to the head");
        }
        Optional<RoutingMemory> found = store().find(version);
        return found.orElseThrow(() -> new InvalidInputException(
                "memory",
                "version",
                version.toString(),
                "an existing version, v0 to "
                        + store().head().map(h -> h.version().toString()).orElse("(none: the store is empty)")));
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode body = MAPPER.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw new InvalidInputException(
                        ctx.method() + " " + ctx.path(), "body", "not a JSON object", "a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new InvalidInputException(ctx.method() + " " + ctx.path(), "body", "not JSON", "a JSON object");
        }
    }

    private static void json(Context ctx, JsonNode tree) {
        ctx.contentType("application/json").result(tree.toString());
    }

    private static String message(Exception e) {
        return Objects.requireNonNullElse(e.getMessage(), e.toString());
    }

    static void error(Context ctx, int status, String grpcStatus, String message) {
        ObjectNode error = MAPPER.createObjectNode();
        error.putObject("error").put("code", status).put("status", grpcStatus).put("message", message);
        json(ctx.status(status), error);
    }

    /** The service runs without a memory database. */
    static final class NoStore extends RuntimeException {
        NoStore() {
            super("this service was started without --db: it has no memory history");
        }
    }
}
