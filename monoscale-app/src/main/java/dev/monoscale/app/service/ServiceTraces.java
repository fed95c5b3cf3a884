package dev.monoscale.app.service;

import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Task;
import dev.monoscale.core.WorkerScore;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.onboarding.RoundReport;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * OpenTelemetry spans for what the service decides: a {@code monoscale.route} span per plan (task, memory version)
 * with a {@code monoscale.route.step} child per step, and a {@code monoscale.onboarding.round} span per round with a
 * {@code monoscale.onboarding.warmup} child and the gate's verdict. With {@link OpenTelemetry#noop()} (the default)
 * they cost next to nothing and go nowhere.
 */
public final class ServiceTraces implements RoutingObserver {

    static final AttributeKey<String> TASK = AttributeKey.stringKey("monoscale.task.id");
    static final AttributeKey<Long> STEP = AttributeKey.longKey("monoscale.step");
    static final AttributeKey<List<String>> CANDIDATES = AttributeKey.stringArrayKey("monoscale.candidates");
    static final AttributeKey<String> WORKER = AttributeKey.stringKey("monoscale.worker");
    static final AttributeKey<Double> PROBABILITY = AttributeKey.doubleKey("monoscale.probability");
    static final AttributeKey<String> MEMORY_VERSION = AttributeKey.stringKey("monoscale.memory.version");
    static final AttributeKey<List<String>> ENTRY_IDS = AttributeKey.stringArrayKey("monoscale.memory.entry_ids");
    static final AttributeKey<String> VERDICT = AttributeKey.stringKey("monoscale.gate.verdict");

    /** How {@code MemoryRouter} names the entry behind a reason: {@code entry v1-p3 prefers it (+0.80)}. */
    private static final Pattern ENTRY = Pattern.compile("^entry (\\S+) ");

    private final Tracer tracer;

    public ServiceTraces(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("dev.monoscale.service", "0.1.0");
    }

    @Override
    public void routed(Task task, LiveRouter.Routed routed) {
        Span plan = tracer.spanBuilder("monoscale.route")
                .setAttribute(TASK, task.id().value())
                .setAttribute(MEMORY_VERSION, routed.memory().version().toString())
                .startSpan();
        try (Scope ignored = plan.makeCurrent()) {
            for (StepDecision step : routed.plan().steps()) {
                Set<String> entries = new LinkedHashSet<>();
                for (WorkerScore score : step.scores()) {
                    for (String reason : score.because()) {
                        Matcher m = ENTRY.matcher(reason);
                        if (m.find()) {
                            entries.add(m.group(1));
                        }
                    }
                }
                tracer.spanBuilder("monoscale.route.step")
                        .setAttribute(STEP, (long) step.step().index() + 1)
                        .setAttribute(
                                CANDIDATES,
                                step.scores().stream()
                                        .map(s -> s.worker().value())
                                        .toList())
                        .setAttribute(WORKER, step.worker().value())
                        .setAttribute(PROBABILITY, step.policy().probability(step.worker()))
                        .setAttribute(MEMORY_VERSION, routed.memory().version().toString())
                        .setAttribute(ENTRY_IDS, List.copyOf(entries))
                        .startSpan()
                        .end();
            }
        } finally {
            plan.end();
        }
    }

    /** {@code launcher}, each round in a span with its warm-up as a child and the gate's verdict as an attribute. */
    public RoundLauncher trace(RoundLauncher launcher) {
        return (request, progress) -> {
            Span round = tracer.spanBuilder("monoscale.onboarding.round").startSpan();
            @Nullable
            Span[] warmup = {
                tracer.spanBuilder("monoscale.onboarding.warmup")
                        .setParent(io.opentelemetry.context.Context.current().with(round))
                        .startSpan()
            };
            WarmupExecutor.Progress traced = (done, total) -> {
                progress.ran(done, total);
                Span open = warmup[0];
                if (done == total && open != null) {
                    open.end();
                    warmup[0] = null;
                }
            };
            try (Scope ignored = round.makeCurrent()) {
                RoundReport report = launcher.launch(request, traced);
                round.setAttribute(VERDICT, report.gate().outcome().name().toLowerCase(Locale.ROOT));
                round.setAttribute(MEMORY_VERSION, report.version().toString());
                return report;
            } catch (RuntimeException e) {
                round.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
                throw e;
            } finally {
                Span open = warmup[0];
                if (open != null) {
                    open.end();
                }
                round.end();
            }
        };
    }
}
