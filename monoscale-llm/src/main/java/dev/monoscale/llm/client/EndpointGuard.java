package dev.monoscale.llm.client;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Retries and the circuit breaker around the attempts of one call, on resilience4j.
 *
 * <ul>
 *   <li><b>Breaker</b>: every attempt asks the endpoint's {@link CircuitBreaker} first; an open one fails it at once
 *       with {@link ModelException.Kind#CIRCUIT_OPEN}. Attempts that fail for the endpoint's own reasons (5xx,
 *       timeouts, unreachable, garbage bodies) count against it; a refused request counts as a success, and a
 *       caller's own exception (a stream callback that threw) hands the permission back uncounted.
 *   <li><b>Retry</b>: a resilience4j {@link Retry} built from {@link Backoff} decides whether a failure is
 *       retried and how long to wait, through its {@link Retry.AsyncContext}, which returns the wait instead of
 *       taking it; the wait is taken by the injected {@link OpenAiCompatibleClient.Sleeper}. The synchronous
 *       decorators ({@code Retry.decorateCheckedSupplier}) would sleep in resilience4j's own
 *       {@code RetryImpl.sleepFunction}, one static {@code Thread::sleep} for the whole JVM that a test could only
 *       replace for every other retry too, so tests could not record waits without sleeping.
 *   <li>A streamed call that already passed part of its answer on is never retried: the caller has seen it. Nor is
 *       a call whose thread was interrupted.
 * </ul>
 */
final class EndpointGuard {

    /** One attempt: a completion, a {@link ModelException}, or an I/O failure {@link Failures} explains. */
    @FunctionalInterface
    interface Attempt {
        ChatCompletion run() throws IOException, InterruptedException;
    }

    private final String endpoint;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final OpenAiCompatibleClient.Sleeper sleeper;
    private final Failures failures;

    EndpointGuard(
            String endpoint,
            CircuitBreaker breaker,
            Backoff backoff,
            OpenAiCompatibleClient.Sleeper sleeper,
            Failures failures) {
        this.endpoint = endpoint;
        this.breaker = breaker;
        this.retry = Retry.of(
                endpoint,
                RetryConfig.<ChatCompletion>custom()
                        .maxAttempts(backoff.policy().maxRetries() + 1)
                        .retryOnException(backoff::retries)
                        .intervalBiFunction(backoff)
                        .build());
        this.sleeper = sleeper;
        this.failures = failures;
    }

    /**
     * The completion of the first attempt that succeeds; else the last failure.
     *
     * @param streamed whether the attempt already passed part of an answer on: then it is never retried
     */
    ChatCompletion call(ChatRequest request, Attempt attempt, BooleanSupplier streamed) {
        Retry.AsyncContext<ChatCompletion> context = retry.asyncContext();
        while (true) {
            ModelException failure;
            try {
                ChatCompletion completion = once(request, attempt);
                context.onComplete();
                return completion;
            } catch (ModelException e) {
                failure = e;
            }
            // an interrupted caller wants no more attempts
            boolean giveUp = streamed.getAsBoolean() || Thread.currentThread().isInterrupted();
            long waitMillis = giveUp ? -1 : context.onError(failure);
            if (waitMillis < 0) {
                throw failure;
            }
            try {
                sleeper.sleep(Duration.ofMillis(waitMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    /** One attempt through the breaker. */
    private ChatCompletion once(ChatRequest request, Attempt attempt) {
        if (!breaker.tryAcquirePermission()) {
            throw new ModelException(
                    ModelException.Kind.CIRCUIT_OPEN,
                    endpoint,
                    0,
                    null,
                    "too many recent failures for model '%s'".formatted(request.model()),
                    null,
                    null);
        }
        long start = System.nanoTime();
        ModelException failure;
        try {
            ChatCompletion completion = attempt.run();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return completion;
        } catch (ModelException e) {
            failure = e;
        } catch (IOException e) {
            failure = failures.transport(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            throw failures.interrupted(e);
        } catch (RuntimeException e) {
            // the caller's own failure (a stream callback that threw): says nothing about the endpoint, but the
            // permission must go back, or a half-open breaker would wait for this trial call forever
            breaker.releasePermission();
            throw e;
        }
        if (failure.countsAgainstEndpoint()) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
        } else {
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        throw failure;
    }
}
