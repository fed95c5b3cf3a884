package dev.monoscale.resilience;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Wraps workers so that a call never stalls or crashes the caller (DESIGN.md §4.2, §10).
 *
 * <ol>
 *   <li>Each attempt runs on a virtual thread with a deadline (resilience4j {@link TimeLimiter}); past it, the
 *       attempt is cancelled and counts as a timeout.
 *   <li>Transient faults (a timeout, an unreachable worker, an exception) are retried up to {@code maxAttempts}
 *       ({@link Retry}); an error the worker reports, a refusal or an answer is final.
 *   <li>One {@link CircuitBreaker} per worker counts calls that ended in a transient fault (the worker did not
 *       answer in time or could not be reached), not answers, wrong or right, nor errors the worker reports itself;
 *       once open, calls are answered at once with an unavailable failure instead of reaching the worker.
 * </ol>
 * Every fault becomes a {@link WorkerReply.Failed}: evidence for distillation, never an exception.
 */
public final class ResilientWorkers {

    private final ResilienceConfig config;
    private final Map<AgentId, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public ResilientWorkers(ResilienceConfig config) {
        this.config = config;
    }

    /** The same workers, each call protected; breakers are kept per worker id across calls. */
    public Function<AgentId, Worker> wrap(Function<AgentId, Worker> workers) {
        return id -> protect(workers.apply(id));
    }

    public Worker protect(Worker worker) {
        CircuitBreaker breaker = breakers.computeIfAbsent(
                worker.id(),
                id -> CircuitBreaker.of(
                        id.value(),
                        CircuitBreakerConfig.custom()
                                .failureRateThreshold(config.failureRate())
                                .minimumNumberOfCalls(config.minimumCalls())
                                .slidingWindowSize(Math.max(config.minimumCalls(), 20))
                                .waitDurationInOpenState(config.openFor())
                                .recordExceptions(Throwable.class)
                                .build()));
        Retry retry = Retry.of(
                worker.id().value(),
                RetryConfig.<WorkerReply>custom()
                        .maxAttempts(config.maxAttempts())
                        .waitDuration(config.backoff().isZero() ? Duration.ofMillis(1) : config.backoff())
                        .retryOnResult(ResilientWorkers::transient_)
                        .retryExceptions()
                        .build());
        TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.custom()
                .timeoutDuration(config.timeout())
                .cancelRunningFuture(true)
                .build());
        return Worker.of(worker.id(), call -> {
            if (!breaker.tryAcquirePermission()) {
                return new WorkerReply.Failed(
                        FailureKind.UNAVAILABLE,
                        "circuit breaker for '%s' is open after %d failed calls; not called"
                                .formatted(worker.id(), breaker.getMetrics().getNumberOfFailedCalls()),
                        Duration.ZERO,
                        0);
            }
            long start = System.nanoTime();
            WorkerReply reply = Retry.decorateSupplier(retry, () -> attempt(worker, call, limiter))
                    .get();
            long took = System.nanoTime() - start;
            if (transient_(reply) && reply instanceof WorkerReply.Failed failed) {
                breaker.onError(took, TimeUnit.NANOSECONDS, new WorkerFault(failed.kind() + ": " + failed.message()));
            } else {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            }
            return reply;
        });
    }

    /** The breaker's state for a worker, for reports: CLOSED, OPEN, HALF_OPEN, or CLOSED for one never called. */
    public String state(AgentId worker) {
        CircuitBreaker breaker = breakers.get(worker);
        return breaker == null ? "CLOSED" : breaker.getState().name();
    }

    private WorkerReply attempt(Worker worker, WorkerCall call, TimeLimiter limiter) {
        try {
            return limiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(() -> worker.call(call), threads));
        } catch (TimeoutException e) {
            return new WorkerReply.Failed(
                    FailureKind.TIMEOUT,
                    "no answer from '%s' within %d ms"
                            .formatted(worker.id(), config.timeout().toMillis()),
                    config.timeout(),
                    0);
        } catch (Exception e) {
            Throwable cause =
                    e.getCause() != null && e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            return new WorkerReply.Failed(
                    FailureKind.UNAVAILABLE,
                    "calling '%s' failed: %s: %s"
                            .formatted(worker.id(), cause.getClass().getSimpleName(), cause.getMessage()),
                    Duration.ZERO,
                    0);
        }
    }

    private static boolean transient_(WorkerReply reply) {
        return reply instanceof WorkerReply.Failed failed
                && (failed.kind() == FailureKind.TIMEOUT || failed.kind() == FailureKind.UNAVAILABLE);
    }

    /** What a breaker records for a failed call. */
    static final class WorkerFault extends RuntimeException {
        WorkerFault(String message) {
            super(message, null, false, false);
        }
    }
}
