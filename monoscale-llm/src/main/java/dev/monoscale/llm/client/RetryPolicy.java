package dev.monoscale.llm.client;

import java.time.Duration;

/**
 * How a client retries a failed call: rate limits, server errors, timeouts and connection failures, never a
 * refused request. The server's {@code retry-after-ms} or {@code Retry-After} is followed when it is at most
 * {@code maxRetryAfter}; otherwise the wait is exponential from {@code initialBackoff}, capped at
 * {@code maxBackoff}, with half of it jittered.
 *
 * @param maxRetries attempts after the first, in [0, 10] (default 3)
 * @param maxRetryAfter the longest server-requested wait honoured (default 60 s); a longer one makes the failure final
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("max retries must be in [0, 10], was " + maxRetries);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException(
                    "backoffs must be >= 0 with initial <= max, were %s and %s".formatted(initialBackoff, maxBackoff));
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public RetryPolicy withMaxRetries(int value) {
        return new RetryPolicy(value, initialBackoff, maxBackoff, maxRetryAfter);
    }
}
