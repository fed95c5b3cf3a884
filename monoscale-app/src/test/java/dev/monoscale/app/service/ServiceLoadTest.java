package dev.monoscale.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.a2a.A2aServer;
import dev.monoscale.app.RoutedPoolBackend;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A bounded load test on loopback that stops by itself: 2,000 A2A {@code message/send} requests, 20 at a time, each
 * routed by the memory router over a simulated world's stage-2 pool (the workers answer at once, so the server and
 * the router are what is measured). It asserts that every request is answered with a completed task; it prints the
 * throughput and latency percentiles, which it does not assert.
 */
class ServiceLoadTest {

    private static final int REQUESTS = 2_000;
    private static final int CONCURRENCY = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answers2000RoutedA2aRequestsAt20AtATimeWithoutAnError() throws Exception {
        SimWorld sim = SimWorld.create(WorldSpecs.load("paper-noisy"), 1);
        Pool pool = sim.stages().get(2).pool();
        RoutingMemory memory = RoutingMemory.initial(pool.ids(), Instant.EPOCH);
        ServiceMetrics metrics = new ServiceMetrics();
        LiveRouter router = new LiveRouter(
                MemoryHead.fixed(memory),
                m -> MemoryRouter.of(pool, m, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()),
                metrics);
        RoutedPoolBackend backend = new RoutedPoolBackend(
                "Load",
                pool,
                router,
                id -> Worker.of(
                        id, call -> new WorkerReply.Answered(id + " did: " + call.text(), "text", Duration.ZERO, 0)));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        String[] texts = {
            "Translate this letter into German",
            "Read the blue bars of the attached chart",
            "Transcribe the attached voice memo",
            "What is 17 times 23?",
            "Summarise this report in three bullets"
        };
        try (A2aServer server =
                        A2aServer.builder(backend).configure(metrics::register).start();
                ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY)) {
            URI rpc = URI.create(server.url() + "/a2a/jsonrpc");
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CONCURRENCY; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                        String body = """
                                {"jsonrpc": "2.0", "id": %d, "method": "message/send", "params": {"message": {"kind": "message",
                                 "messageId": "m-%d", "role": "user", "parts": [{"kind": "text", "text": "%s"}]}}}""".formatted(i, i, texts[i % texts.length]);
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(
                                    HttpRequest.newBuilder(rpc)
                                            .timeout(Duration.ofSeconds(60))
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            latencies.add(System.nanoTime() - sent);
                            JsonNode state = JSON.readTree(response.body())
                                    .path("result")
                                    .path("status")
                                    .path("state");
                            if (response.statusCode() != 200 || !state.asText().equals("completed")) {
                                errors.add(response.statusCode() + " " + response.body());
                            }
                        } catch (Exception e) {
                            errors.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf(
                    Locale.ROOT,
                    "%d routed A2A requests at concurrency %d: %.1f s, %.0f requests/s, p50 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms, %d errors%n",
                    REQUESTS,
                    CONCURRENCY,
                    seconds,
                    REQUESTS / seconds,
                    millis(sorted, 0.50),
                    millis(sorted, 0.99),
                    sorted.getLast() / 1e6,
                    errors.size());
        }

        assertThat(errors).as("failed requests").isEmpty();
        assertThat(latencies).hasSize(REQUESTS);
        assertThat(metrics.scrape()
                        .lines()
                        .filter(l -> l.startsWith("monoscale_routing_decisions_total{"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .sum())
                .isEqualTo(REQUESTS);
    }

    private static double millis(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.ceil(quantile * sorted.size()) - 1) / 1e6;
    }
}
