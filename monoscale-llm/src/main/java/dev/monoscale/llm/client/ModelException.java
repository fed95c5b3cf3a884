package dev.monoscale.llm.client;

import dev.monoscale.core.MonoscaleException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A model call that did not produce a completion. The message is one line: which endpoint, what failed, and
 * what to check. {@link #kind()} tells callers what to do about it: retry, degrade to another estimator, or stop.
 */
public final class ModelException extends MonoscaleException {

    /** What went wrong, as far as the client can tell. */
    public enum Kind {
        /** 429 without a quota code: retried after the server's Retry-After */
        RATE_LIMITED("slow down or raise the server's rate limit", true),
        /** 429 with {@code insufficient_quota}: final, never retried */
        QUOTA_EXHAUSTED("the account's quota or billing", false),
        /** the prompt does not fit the model's context */
        CONTEXT_LENGTH(
                "shorten the prompt (a smaller memory budget K, fewer cards) or use a model with a longer context",
                false),
        /** the server refused a feature the request asked for: logprobs, or n above 1 */
        UNSUPPORTED("the server's documented limits; the router degrades to another estimator", false),
        /** 404 whose error does not name the model: nothing answers at baseUrl + /chat/completions */
        NOT_FOUND(
                "baseUrl: it is the API root, which usually ends in /v1 (requests go to baseUrl + /chat/completions)",
                false),
        /** any other 400/404/422 */
        BAD_REQUEST("the model name and the request fields this server accepts", false),
        /** 401/403 */
        UNAUTHORIZED("the API key in the environment variable named by apiKeyEnv", false),
        /** 408/409/5xx */
        SERVER_ERROR("the server's log; it may be loading a model or overloaded", true),
        /** no answer within the request timeout */
        TIMEOUT("that the server is up and not overloaded, or raise the timeout", true),
        /** connection refused or reset, unknown host */
        UNREACHABLE("that the server is running and baseUrl is right", true),
        /** the endpoint's circuit breaker is open after repeated failures */
        CIRCUIT_OPEN("the server; calls resume after the breaker's wait", false),
        /** the body was not the JSON of a chat completion */
        MALFORMED_RESPONSE("that baseUrl points at an OpenAI-compatible /v1 (it usually ends in /v1)", false),
        /** the server reported an error inside a 200 stream */
        STREAM_ERROR("the server's log", false);

        private final String check;
        private final boolean retryable;

        Kind(String check, boolean retryable) {
            this.check = check;
            this.retryable = retryable;
        }

        /** What a person should look at. */
        public String check() {
            return check;
        }
    }

    private final Kind kind;
    private final int status;
    private final @Nullable String code;
    private final @Nullable Duration retryAfter;

    public ModelException(
            Kind kind,
            String endpoint,
            int status,
            @Nullable String code,
            String detail,
            @Nullable Duration retryAfter,
            @Nullable Throwable cause) {
        super(message(kind, endpoint, status, code, detail));
        if (cause != null) {
            initCause(cause);
        }
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    private static String message(Kind kind, String endpoint, int status, @Nullable String code, String detail) {
        String what = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String http = status > 0 ? "HTTP " + status + (code == null ? "" : " " + code) + ": " : "";
        String oneLine = detail.replaceAll("\\s*\\R\\s*", " ").strip();
        if (oneLine.length() > 300) {
            oneLine = oneLine.substring(0, 300) + "…";
        }
        return "model endpoint %s: %s (%s%s); check %s".formatted(endpoint, what, http, oneLine, kind.check());
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no HTTP answer (timeouts, connection errors, an open breaker). */
    public int status() {
        return status;
    }

    /** The server's error code ({@code context_length_exceeded}, {@code insufficient_quota}…), if it sent one. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** How long the server asked the client to wait, from {@code retry-after-ms} or {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether another attempt may succeed: rate limits, server errors, timeouts and connection failures. */
    public boolean retryable() {
        return kind.retryable;
    }

    /** Whether the failure says something about the endpoint's health, so the circuit breaker should count it. */
    boolean countsAgainstEndpoint() {
        return kind == Kind.SERVER_ERROR
                || kind == Kind.TIMEOUT
                || kind == Kind.UNREACHABLE
                || kind == Kind.MALFORMED_RESPONSE;
    }
}
