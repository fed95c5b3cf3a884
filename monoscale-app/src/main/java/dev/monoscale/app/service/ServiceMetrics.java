package dev.monoscale.app.service;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Task;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.onboarding.RoundReport;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Micrometer metrics, scraped as Prometheus text at {@code GET /metrics} (behind the token):
 *
 * <ul>
 *   <li>{@code monoscale_routing_decisions_total{worker, memory_version}}: one per routed step;
 *   <li>{@code monoscale_onboarding_rounds_total{verdict}}: rounds by the gate's outcome (or {@code error});
 *   <li>{@code monoscale_worker_calls_seconds{worker, outcome}}: worker call latency, {@code outcome} being
 *       {@code answered} or the failure kind; {@code monoscale_worker_failures_total{worker, kind}};
 *   <li>{@code monoscale_http_requests_seconds{method, route, status}}: every HTTP request, by matched route;
 *   <li>JVM memory and threads.
 * </ul>
 * Every request is also written to the structured request log (logger {@code dev.monoscale.http}: method, route,
 * path, status, milliseconds, client address; never a header).
 */
public final class ServiceMetrics implements RoutingObserver {

    private static final Logger REQUESTS = LoggerFactory.getLogger("dev.monoscale.http");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    @Override
    public void routed(Task task, LiveRouter.Routed routed) {
        for (StepDecision step : routed.plan().steps()) {
            Counter.builder("monoscale.routing.decisions")
                    .description("routed steps, by the worker chosen")
                    .tag("worker", step.worker().value())
                    .tag("memory_version", routed.memory().version().toString())
                    .register(registry)
                    .increment();
        }
    }

    /** Counts a finished round by its gate's verdict. */
    public void roundEnded(RoundReport report) {
        rounds(report.gate().outcome().name().toLowerCase(Locale.ROOT));
    }

    /** Counts a round that ended in an error. */
    public void roundFailed() {
        rounds("error");
    }

    /** {@code launcher}, each round counted by its verdict. */
    public RoundLauncher count(RoundLauncher launcher) {
        return (request, progress) -> {
            try {
                RoundReport report = launcher.launch(request, progress);
                roundEnded(report);
                return report;
            } catch (RuntimeException e) {
                roundFailed();
                throw e;
            }
        };
    }

    private void rounds(String verdict) {
        Counter.builder("monoscale.onboarding.rounds")
                .description("onboarding rounds, by the gate's verdict")
                .tag("verdict", verdict)
                .register(registry)
                .increment();
    }

    /** {@code workers}, each call timed and each failure counted by kind. */
    public Function<AgentId, Worker> meter(Function<AgentId, Worker> workers) {
        return id -> {
            Worker worker = workers.apply(id);
            return Worker.of(id, call -> {
                long start = System.nanoTime();
                WorkerReply reply = worker.call(call);
                String outcome = switch (reply) {
                    case WorkerReply.Answered a -> "answered";
                    case WorkerReply.Failed f -> f.kind().name().toLowerCase(Locale.ROOT);
                };
                Timer.builder("monoscale.worker.calls")
                        .description("worker call latency, by outcome")
                        .tag("worker", id.value())
                        .tag("outcome", outcome)
                        .register(registry)
                        .record(Duration.ofNanos(System.nanoTime() - start));
                if (reply instanceof WorkerReply.Failed) {
                    Counter.builder("monoscale.worker.failures")
                            .description("failed worker calls, by kind")
                            .tag("worker", id.value())
                            .tag("kind", outcome)
                            .register(registry)
                            .increment();
                }
                return reply;
            });
        };
    }

    /** Adds {@code GET /metrics} and the request log (with its timer) to a server's config. */
    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()));
        cfg.requestLogger.http(this::request);
    }

    private void request(Context ctx, Float millis) {
        String route = route(ctx);
        int status = ctx.statusCode();
        Timer.builder("monoscale.http.requests")
                .description("HTTP requests, by matched route")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
        REQUESTS.info(
                "method={} route={} path={} status={} ms={} remote={}",
                ctx.method().name(),
                route,
                ctx.path(),
                status,
                String.format(Locale.ROOT, "%.1f", millis),
                ctx.ip());
    }

    /** The route the request matched, such as {@code /api/v1/memory/{version}}: a tag of bounded cardinality. */
    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** The registry, for tests and the scrape. */
    public String scrape() {
        return registry.scrape();
    }
}
