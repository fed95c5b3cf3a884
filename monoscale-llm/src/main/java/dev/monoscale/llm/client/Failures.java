package dev.monoscale.llm.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns what went wrong with one attempt into a {@link ModelException} of the right kind. Error bodies are read
 * leniently ({@code {"error":{…}}}, {@code {"error":"text"}}, vLLM's flat form, plain text) and classified by
 * status and wording: a 429 is a rate limit unless it names {@code insufficient_quota}; a context-length error is
 * recognised in OpenAI's, vLLM's and llama.cpp's words; a refused feature (llama.cpp's "only one completion
 * choice", "logprobs are not supported") is {@code UNSUPPORTED}; a 404 that does not name the model is
 * {@code NOT_FOUND}. The server's requested wait comes from {@code retry-after-ms}, then {@code Retry-After}.
 */
final class Failures {

    static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    private final String endpoint;
    private final Duration requestTimeout;
    private final InstantSource clock;

    /** @param clock reads an HTTP-date {@code Retry-After} against now */
    Failures(String endpoint, Duration requestTimeout, InstantSource clock) {
        this.endpoint = endpoint;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /** The failure of an attempt that got no answer: a timeout, or a connection that could not be made or broke. */
    ModelException transport(ChatRequest request, IOException e) {
        if (e instanceof HttpTimeoutException) {
            return new ModelException(
                    ModelException.Kind.TIMEOUT,
                    endpoint,
                    0,
                    null,
                    "no answer from model '%s' within %s".formatted(request.model(), requestTimeout),
                    null,
                    e);
        }
        return new ModelException(ModelException.Kind.UNREACHABLE, endpoint, 0, null, connectionProblem(e), null, e);
    }

    /** A read that the caller's thread was interrupted out of. */
    ModelException interrupted(InterruptedException e) {
        return new ModelException(ModelException.Kind.TIMEOUT, endpoint, 0, null, "interrupted", null, e);
    }

    private static String connectionProblem(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String what = e instanceof ConnectException || cause instanceof ConnectException
                ? "connection refused"
                : "connection failed";
        return what + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** The failure an answer with {@code status} and error {@code body} reports. */
    ModelException error(ChatRequest request, int status, HttpHeaders headers, String body) {
        ErrorBody error;
        try {
            JsonNode root = CompletionJson.JSON.readTree(body);
            error = root == null ? ErrorBody.text(body) : ErrorBody.read(root);
        } catch (JsonProcessingException e) {
            error = ErrorBody.text(body);
        }
        String detail = error.message().isBlank()
                ? "(empty error body) for model '%s'".formatted(request.model())
                : error.message();
        return new ModelException(
                kind(status, error), endpoint, status, error.code(), detail, retryAfter(headers), null);
    }

    /** An error event inside a 200 stream. */
    ModelException streamError(JsonNode event) {
        ErrorBody error = ErrorBody.read(event);
        return new ModelException(
                ModelException.Kind.STREAM_ERROR,
                endpoint,
                200,
                error.code(),
                "error event inside the stream: " + error.message(),
                null,
                null);
    }

    private static ModelException.Kind kind(int status, ErrorBody error) {
        String message = error.message().toLowerCase(Locale.ROOT);
        String code = error.code();
        if (status == 429) {
            return "insufficient_quota".equals(code)
                            || "insufficient_quota".equals(error.type())
                            || message.contains("exceeded your current quota")
                    ? ModelException.Kind.QUOTA_EXHAUSTED
                    : ModelException.Kind.RATE_LIMITED;
        }
        if ("context_length_exceeded".equals(code)
                || "exceed_context_size_error".equals(error.type())
                || message.contains("exceeds the available context size")
                || message.contains("context length")
                || message.contains("maximum model length")) {
            return ModelException.Kind.CONTEXT_LENGTH;
        }
        if (message.contains("only one completion choice")
                || (message.contains("logprobs") && message.contains("not supported"))
                || (message.contains("'n'") && message.contains("not supported"))) {
            return ModelException.Kind.UNSUPPORTED;
        }
        if (status == 401 || status == 403) {
            return ModelException.Kind.UNAUTHORIZED;
        }
        if (status == 408 || status == 409 || status >= 500) {
            return ModelException.Kind.SERVER_ERROR;
        }
        if (status == 404 && !message.contains("model")) {
            // a 404 that does not name the model: the path, baseUrl + /chat/completions, is not an endpoint of this
            // server
            return ModelException.Kind.NOT_FOUND;
        }
        return ModelException.Kind.BAD_REQUEST;
    }

    /** {@code retry-after-ms}, then {@code Retry-After} as seconds or an HTTP date; null when neither is usable. */
    @Nullable
    Duration retryAfter(HttpHeaders headers) {
        var millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(millis.get().strip()));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        var after = headers.firstValue("retry-after");
        if (after.isEmpty()) {
            return null;
        }
        String value = after.get().strip();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Duration.between(clock.instant(), at);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** {@code body} on one line, cut at 120 characters, for a message. */
    static String preview(String body) {
        String one = body.replaceAll("\\s+", " ").strip();
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }

    /** An error body read leniently: OpenAI's object, a bare string, vLLM's flat form. */
    private record ErrorBody(
            String message, @Nullable String type, @Nullable String code) {

        static ErrorBody read(JsonNode root) {
            JsonNode error = root.has("error") ? root.get("error") : root;
            if (error.isTextual()) {
                return new ErrorBody(error.asText(), null, null);
            }
            JsonNode code = error.path("code");
            String codeText = code.isTextual() ? code.asText() : null;
            String message =
                    error.path("message").isTextual() ? error.path("message").asText() : error.toString();
            return new ErrorBody(message, CompletionJson.text(error.path("type")), codeText);
        }

        static ErrorBody text(String body) {
            return new ErrorBody(preview(body), null, null);
        }
    }
}
