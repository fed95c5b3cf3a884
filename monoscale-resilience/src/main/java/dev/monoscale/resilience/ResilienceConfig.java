package dev.monoscale.resilience;

import java.time.Duration;

/**
 * How worker calls are protected.
 *
 * @param timeout the deadline of one attempt (default 30 s)
 * @param maxAttempts attempts per call, counting the first, for transient faults: a timeout, an unreachable worker
 *     (default 2)
 * @param backoff the wait before a retry (default 200 ms)
 * @param failureRate the share of failed calls, in percent, at which a worker's breaker opens (default 50)
 * @param minimumCalls calls a breaker must see before it may open (default 20)
 * @param openFor how long an open breaker refuses calls before it lets a few through to probe (default 30 s)
 */
public record ResilienceConfig(
        Duration timeout, int maxAttempts, Duration backoff, float failureRate, int minimumCalls, Duration openFor) {

    public ResilienceConfig {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("max attempts must be in [1, 10], was " + maxAttempts);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative, was " + backoff);
        }
        if (!(failureRate > 0 && failureRate <= 100)) {
            throw new IllegalArgumentException("failure rate must be in (0, 100] percent, was " + failureRate);
        }
        if (minimumCalls < 1) {
            throw new IllegalArgumentException("minimum calls must be >= 1, was " + minimumCalls);
        }
    }

    public static ResilienceConfig defaults() {
        return new ResilienceConfig(Duration.ofSeconds(30), 2, Duration.ofMillis(200), 50, 20, Duration.ofSeconds(30));
    }
}
