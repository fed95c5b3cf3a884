package dev.monoscale.llm.client;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Which failures {@link RetryPolicy} retries and how long it waits first, as resilience4j's retry predicate and
 * {@link IntervalBiFunction}. Retried: rate limits, server errors (408, 409, 5xx), timeouts and connection failures,
 * unless the server asked for a wait longer than {@link RetryPolicy#maxRetryAfter()}, which makes the failure
 * final. The wait is the server's ({@code retry-after-ms}, then {@code Retry-After}; one in the past is no wait),
 * else {@code min(maxBackoff, initialBackoff * 2^(attempt - 1))} with its upper half jittered.
 *
 * @param jitter in [0, 1), where in the upper half of the capped wait to land
 */
record Backoff(RetryPolicy policy, DoubleSupplier jitter) implements IntervalBiFunction<ChatCompletion> {

    /** Whether another attempt may follow {@code failure}. */
    boolean retries(Throwable failure) {
        return failure instanceof ModelException e
                && e.retryable()
                && e.retryAfter()
                        .map(asked -> asked.compareTo(policy.maxRetryAfter()) <= 0)
                        .orElse(true);
    }

    /**
     * @param attempt how many attempts have failed, from 1
     * @return the wait in milliseconds before the next attempt
     */
    @Override
    public Long apply(Integer attempt, Either<Throwable, ChatCompletion> outcome) {
        Optional<Duration> asked =
                outcome.isLeft() && outcome.getLeft() instanceof ModelException e ? e.retryAfter() : Optional.empty();
        if (asked.isPresent()) {
            return Math.max(0, asked.get().toMillis());
        }
        long doubled = policy.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long cap = Math.min(policy.maxBackoff().toMillis(), doubled);
        return cap / 2 + (long) (jitter.getAsDouble() * (cap - cap / 2));
    }
}
