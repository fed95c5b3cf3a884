package dev.monoscale.llm.client;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one OpenAI-compatible endpoint.
 *
 * @param baseUrl the API root, usually ending in {@code /v1}; requests go to {@code baseUrl + /chat/completions}
 * @param apiKey sent as a bearer token when present; read from the environment by the caller, never from a file
 * @param requestTimeout the longest wait for the response headers of one attempt, and the longest silence while its
 *     body (or stream) is read (default 60 s)
 * @param breakerFailures failed attempts out of the last ten that open the endpoint's circuit breaker, in [1, 10]
 *     (default 5)
 * @param breakerWait how long an open breaker refuses calls before trying again (default 30 s)
 * @param maxTokens the {@code max_tokens} sent with every request that names none itself, in [1, 1000000]
 *     (default {@value #DEFAULT_MAX_TOKENS}): no call to this endpoint generates without a bound
 */
public record EndpointSettings(
        URI baseUrl,
        @Nullable String apiKey,
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retry,
        int breakerFailures,
        Duration breakerWait,
        int maxTokens) {

    /** The cap on generated tokens of a request that sets none: room for a plan or a batch of warm-up tasks. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    public EndpointSettings {
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "base URL '%s' must be an http or https URL with a host".formatted(baseUrl));
        }
        if (!connectTimeout.isPositive() || !requestTimeout.isPositive()) {
            throw new IllegalArgumentException(
                    "timeouts must be > 0, were %s and %s".formatted(connectTimeout, requestTimeout));
        }
        if (breakerFailures < 1 || breakerFailures > 10) {
            throw new IllegalArgumentException("breaker failures must be in [1, 10], was " + breakerFailures);
        }
        if (maxTokens < 1 || maxTokens > 1_000_000) {
            throw new IllegalArgumentException("max tokens must be in [1, 1000000], was " + maxTokens);
        }
    }

    /** The defaults for {@code baseUrl}, without a key. */
    public static EndpointSettings of(URI baseUrl) {
        return new EndpointSettings(
                baseUrl,
                null,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                RetryPolicy.defaults(),
                5,
                Duration.ofSeconds(30),
                DEFAULT_MAX_TOKENS);
    }

    public EndpointSettings withApiKey(@Nullable String value) {
        return new EndpointSettings(
                baseUrl, value, connectTimeout, requestTimeout, retry, breakerFailures, breakerWait, maxTokens);
    }

    public EndpointSettings withRequestTimeout(Duration value) {
        return new EndpointSettings(
                baseUrl, apiKey, connectTimeout, value, retry, breakerFailures, breakerWait, maxTokens);
    }

    public EndpointSettings withRetry(RetryPolicy value) {
        return new EndpointSettings(
                baseUrl, apiKey, connectTimeout, requestTimeout, value, breakerFailures, breakerWait, maxTokens);
    }

    public EndpointSettings withBreaker(int failures, Duration wait) {
        return new EndpointSettings(baseUrl, apiKey, connectTimeout, requestTimeout, retry, failures, wait, maxTokens);
    }

    public EndpointSettings withMaxTokens(int value) {
        return new EndpointSettings(
                baseUrl, apiKey, connectTimeout, requestTimeout, retry, breakerFailures, breakerWait, value);
    }

    /** Everything but the key, which must never reach a message or a log. */
    @Override
    public String toString() {
        return ("EndpointSettings[baseUrl=%s, apiKey=%s, connectTimeout=%s, requestTimeout=%s, retry=%s, breakerFailures=%d, breakerWait=%s,"
                        + " maxTokens=%d]")
                .formatted(
                        baseUrl,
                        apiKey == null || apiKey.isBlank() ? "(none)" : "(set)",
                        connectTimeout,
                        requestTimeout,
                        retry,
                        breakerFailures,
                        breakerWait,
                        maxTokens);
    }

    /** {@code baseUrl} without a trailing slash. */
    String root() {
        String s = baseUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
