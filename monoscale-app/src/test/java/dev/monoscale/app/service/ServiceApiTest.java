package dev.monoscale.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.a2a.A2aServer;
import dev.monoscale.a2a.BearerToken;
import dev.monoscale.app.Main;
import dev.monoscale.app.RoutedPoolBackend;
import dev.monoscale.app.Stores;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as {@code serve --db --auth-token-env} wires it: the A2A agent and the HTTP API on one server behind
 * one token, routing with the memory a store's head holds, over a simulated world's stage-2 pool.
 */
class ServiceApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "t0ken-for-tests";
    private static final String TASK = "Look at the attached image of a bar chart and read the values of the blue bars";

    @TempDir
    Path dir;

    private Path db;
    private MemoryStore store;
    private PolledMemoryHead head;
    private A2aServer server;
    private final CountDownLatch roundStarted = new CountDownLatch(1);
    private final CountDownLatch releaseRound = new CountDownLatch(1);
    private OnboardingJobs jobs;
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final ServiceMetrics metrics = new ServiceMetrics();

    private static String[] cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(err.toString()).isZero();
        return new String[] {out.toString(), err.toString()};
    }

    /** One onboarded stage, made once and copied for each test (the tests append to their copy). */
    @TempDir
    static Path shared;

    private static Path onboarded;

    @BeforeAll
    static void onboardOnce() {
        onboarded = shared.resolve("stage-1.db");
        cli("onboard", "--world", "paper-noisy", "--stage", "1", "--db", onboarded.toString(), "--warmup-tasks", "20");
    }

    @BeforeEach
    void serve() throws IOException {
        db = dir.resolve("memory.db");
        Files.copy(onboarded, db);
        SimWorld sim = SimWorld.create(WorldSpecs.load("paper-noisy"), 1);
        Pool pool = sim.stages().get(2).pool();
        RoutingMemory fallback =
                RoutingMemory.initial(sim.stages().getFirst().pool().ids(), Instant.EPOCH);
        store = Stores.open(db);
        // polled by hand below: the test waits on no clock
        head = PolledMemoryHead.of(store, fallback, Duration.ofDays(1));
        OpenTelemetry telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .build();
        LiveRouter router = new LiveRouter(
                head,
                memory -> MemoryRouter.of(pool, memory, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()),
                metrics.and(new ServiceTraces(telemetry)));
        // a round that waits until the test lets it end, then finds the card unusable: the job's life without a world
        jobs = new OnboardingJobs(
                (request, progress) -> {
                    roundStarted.countDown();
                    progress.ran(3, 10);
                    try {
                        releaseRound.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new InvalidInputException(
                            request.cardUrl(), "card", "(unreachable)", "a reachable A2A agent");
                },
                InstantSource.system());
        ServiceApi api = new ServiceApi(router, store, "sqlite " + db, InstantSource.system(), jobs);
        server = A2aServer.builder(new RoutedPoolBackend("Office", pool, router, sim::worker))
                .token(BearerToken.of(TOKEN))
                .open(ServiceApi::open)
                .configure(api::register)
                .configure(metrics::register)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        releaseRound.countDown();
        jobs.close();
        head.close();
        store.close();
    }

    private HttpResponse<String> get(String path, boolean token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (token) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, boolean token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> versions(JsonNode log) {
        List<String> versions = new ArrayList<>();
        log.forEach(v -> versions.add(v.path("version").asText()));
        return versions;
    }

    @Test
    void withATokenHealthAnswersWithoutItAndEverythingElseNeedsIt() throws Exception {
        String send = """
                {"jsonrpc": "2.0", "id": 1, "method": "message/send", "params": {"message": {"kind": "message", "messageId": "m1",
                 "role": "user", "parts": [{"kind": "text", "text": "%s"}]}}}""".formatted(TASK);
        String route = "{\"task\": \"" + TASK + "\"}";

        assertThat(get("/api/v1/health", false).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/openapi.json", false).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/memory", false).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/memory/v1", false).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/route", route, false).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/memory/rollback", "{\"to\": \"v0\"}", false).statusCode())
                .isEqualTo(401);
        assertThat(post("/a2a/jsonrpc", send, false).statusCode()).isEqualTo(401);

        assertThat(get("/api/v1/memory", true).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/route", route, true).statusCode()).isEqualTo(200);
        HttpResponse<String> a2a = post("/a2a/jsonrpc", send, true);
        assertThat(a2a.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(a2a.body())
                        .path("result")
                        .path("status")
                        .path("state")
                        .asText())
                .isIn("completed", "failed");
    }

    @Test
    void theHealthCheckSaysTheStoreAnswersAndWhichVersionIsRouted() throws Exception {
        JsonNode health = JSON.readTree(get("/api/v1/health", false).body());

        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("memory").path("reachable").asBoolean()).isTrue();
        assertThat(health.path("memory").path("head").asText()).isEqualTo("v1");
        assertThat(health.path("memory").path("routingWith").asText()).isEqualTo("v1");
    }

    @Test
    void theMemoryLogListsTheSameVersionsAsTheCli() throws Exception {
        JsonNode api = JSON.readTree(get("/api/v1/memory", true).body());
        JsonNode cli = JSON.readTree(cli("memory", "log", "--db", db.toString(), "--format", "json")[0]);

        assertThat(versions(api)).containsExactly("v1", "v0").isEqualTo(versions(cli));
        assertThat(api).isEqualTo(cli);
        assertThat(api.get(0).path("outcome").asText()).isNotBlank();
    }

    @Test
    void aRouteNamesItsMemoryVersionEveryStepsWorkerAndTheWholeDistribution() throws Exception {
        JsonNode route = JSON.readTree(
                post("/api/v1/route", "{\"task\": \"" + TASK + "\"}", true).body());

        assertThat(route.path("memoryVersion").asText()).isEqualTo("v1");
        JsonNode step = route.path("steps").get(0);
        assertThat(step.path("worker").asText()).isNotBlank();
        assertThat(step.path("distribution").size()).isEqualTo(7);
        assertThat(step.path("distribution").get(0).path("worker").asText())
                .isEqualTo(step.path("worker").asText());
    }

    @Test
    void theEvidenceOfTheRoundThatMadeAVersionListsPerNewWorkerThePatternsProbedWithRatesAndIntervals()
            throws Exception {
        JsonNode v1 = JSON.readTree(get("/api/v1/memory/v1/evidence", true).body());
        JsonNode v0 = JSON.readTree(get("/api/v1/memory/v0/evidence", true).body());

        assertThat(v1.path("version").asText()).isEqualTo("v1");
        List<String> workers = new ArrayList<>();
        v1.path("workers").forEach(w -> workers.add(w.path("worker").asText()));
        assertThat(workers).containsExactly("vision-analyst", "quick-math");
        for (JsonNode worker : v1.path("workers")) {
            assertThat(worker.path("patterns").size()).isPositive();
            for (JsonNode pattern : worker.path("patterns")) {
                double rate = pattern.path("rate").asDouble();
                assertThat(pattern.path("trials").asInt()).isPositive();
                assertThat(rate)
                        .isEqualTo((double) pattern.path("successes").asInt()
                                / pattern.path("trials").asInt());
                assertThat(pattern.path("ci95").get(0).asDouble()).isLessThanOrEqualTo(rate);
                assertThat(pattern.path("ci95").get(1).asDouble()).isGreaterThanOrEqualTo(rate);
                assertThat(pattern.path("meanReward").asDouble()).isEqualTo(rate);
                assertThat(pattern.path("example").asText()).isNotBlank();
            }
        }
        assertThat(v0.path("outcome").asText()).isEqualTo("initial");
        assertThat(v0.path("workers")).isEmpty();
        assertThat(get("/api/v1/memory/v1/evidence", false).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/memory/v9/evidence", true).statusCode()).isEqualTo(400);
    }

    @Test
    void aVersionAppendedByAnotherOnboardIsListedAndRoutedWithOnceTheHeadIsRead() throws Exception {
        cli("onboard", "--world", "paper-noisy", "--stage", "2", "--db", db.toString(), "--warmup-tasks", "20");

        head.poll();

        assertThat(versions(JSON.readTree(get("/api/v1/memory", true).body()))).startsWith("v2");
        JsonNode route = JSON.readTree(
                post("/api/v1/route", "{\"task\": \"" + TASK + "\"}", true).body());
        assertThat(route.path("memoryVersion").asText()).isEqualTo("v2");
    }

    @Test
    void showDiffAndRollbackAnswerAsTheCliDoes() throws Exception {
        JsonNode show = JSON.readTree(get("/api/v1/memory/v1", true).body());
        JsonNode diff =
                JSON.readTree(get("/api/v1/memory/diff?from=v0&to=v1", true).body());
        HttpResponse<String> rollback = post("/api/v1/memory/rollback", "{\"to\": \"v0\"}", true);
        HttpResponse<String> unknown = get("/api/v1/memory/v9", true);

        assertThat(show)
                .isEqualTo(JSON.readTree(cli("memory", "show", "--db", db.toString(), "v1", "--format", "json")[0]));
        assertThat(diff)
                .isEqualTo(
                        JSON.readTree(cli("memory", "diff", "--db", db.toString(), "v0", "v1", "--format", "json")[0]));
        assertThat(rollback.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(rollback.body()).path("version").asText()).isEqualTo("v2");
        assertThat(JSON.readTree(rollback.body()).path("restores").asText()).isEqualTo("v0");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("error").path("message").asText())
                .isEqualTo("memory: version = v9; allowed: an existing version, v0 to v2");
    }

    @Test
    void anOnboardIsAJobThatReportsItsProgressAndASecondRoundMeanwhileIs409() throws Exception {
        String body = "{\"cardUrl\": \"http://127.0.0.1:9/agent\", \"round\": {\"warmupTasks\": 10}}";

        HttpResponse<String> first = post("/api/v1/onboard", body, true);
        String id = JSON.readTree(first.body()).path("id").asText();
        roundStarted.await();
        HttpResponse<String> second = post("/api/v1/onboard", body, true);
        JsonNode running = JSON.readTree(get("/api/v1/jobs/" + id, true).body());
        releaseRound.countDown();
        jobs.find(id).orElseThrow().ended.get(30, TimeUnit.SECONDS);
        JsonNode ended = JSON.readTree(get("/api/v1/jobs/" + id, true).body());

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(running.path("phase").asText()).isEqualTo("warm-up");
        assertThat(running.path("progress").path("warmupRunsDone").asInt()).isEqualTo(3);
        assertThat(ended.path("phase").asText()).isEqualTo("failed");
        assertThat(ended.path("error").asText())
                .isEqualTo("http://127.0.0.1:9/agent: card = (unreachable); allowed: a reachable A2A agent");
        assertThat(post("/api/v1/onboard", body, false).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/onboard", "{\"round\": {}}", true).statusCode())
                .isEqualTo(400);
    }

    @Test
    void afterOneRoutedRequestTheMetricsCountARoutingDecisionAndNeedTheToken() throws Exception {
        post("/api/v1/route", "{\"task\": \"" + TASK + "\"}", true);

        HttpResponse<String> scrape = get("/metrics", true);

        assertThat(get("/metrics", false).statusCode()).isEqualTo(401);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()
                        .lines()
                        .filter(line -> line.startsWith("monoscale_routing_decisions_total{"))
                        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                        .sum())
                .isGreaterThan(0);
        assertThat(scrape.body()).contains("monoscale_http_requests_seconds_count{");
    }

    @Test
    void aRoutingDecisionIsASpanNamingItsStepCandidatesWorkerProbabilityVersionAndEntries() throws Exception {
        JsonNode route = JSON.readTree(
                post("/api/v1/route", "{\"task\": \"" + TASK + "\"}", true).body());
        JsonNode step = route.path("steps").get(0);

        SpanData span = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("monoscale.route.step"))
                .findFirst()
                .orElseThrow();
        SpanData plan = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("monoscale.route"))
                .findFirst()
                .orElseThrow();

        assertThat(span.getParentSpanId()).isEqualTo(plan.getSpanId());
        assertThat(span.getAttributes().get(ServiceTraces.STEP)).isEqualTo(1L);
        assertThat(span.getAttributes().get(ServiceTraces.WORKER))
                .isEqualTo(step.path("worker").asText());
        assertThat(span.getAttributes().get(ServiceTraces.PROBABILITY))
                .isCloseTo(step.path("probability").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(span.getAttributes().get(ServiceTraces.CANDIDATES))
                .hasSize(7)
                .contains(step.path("worker").asText());
        assertThat(span.getAttributes().get(ServiceTraces.MEMORY_VERSION)).isEqualTo("v1");
        List<String> cited = new ArrayList<>();
        step.path("distribution")
                .forEach(w -> w.path("because").forEach(b -> {
                    if (b.asText().startsWith("entry ")) {
                        cited.add(b.asText().split(" ")[1]);
                    }
                }));
        assertThat(span.getAttributes().get(ServiceTraces.ENTRY_IDS))
                .containsExactlyInAnyOrderElementsOf(cited.stream().distinct().toList());
    }

    @Test
    void theCliRoutesToTheSameJsonAsTheApi() throws Exception {
        ObjectNode api = (ObjectNode) JSON.readTree(
                post("/api/v1/route", "{\"task\": \"" + TASK + "\"}", true).body());
        ObjectNode cli = (ObjectNode)
                JSON.readTree(cli("route", TASK, "--stage", "2", "--db", db.toString(), "--format", "json")[0]);

        assertThat(api.remove("task").asText()).startsWith("api-");
        assertThat(cli.remove("task").asText()).isEqualTo("cli");
        assertThat(cli).isEqualTo(api);
    }
}
