package dev.monoscale.llm.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChatModel} over the JDK {@link HttpClient} and Jackson, for any OpenAI-compatible server.
 *
 * <ol>
 *   <li><b>Requests</b> carry only the fields that are set; {@link ChatRequest#extra()} is merged at the top level.
 *   <li><b>Retries</b> follow {@link RetryPolicy}: 408/409/429/5xx, timeouts and connection failures are retried,
 *       after {@code retry-after-ms}, then {@code Retry-After} (seconds or an HTTP date), else exponential backoff
 *       with jitter. A 429 with {@code insufficient_quota} is final, as is every other 4xx.
 *   <li><b>Errors</b> are read leniently ({@code {"error":{…}}}, {@code {"error":"text"}}, flat vLLM errors, plain
 *       text) and classified: context length (OpenAI, vLLM and llama.cpp wordings), an unsupported feature
 *       (llama.cpp's "only one completion choice", "logprobs are not supported"), and so on.
 *   <li><b>Circuit breaker</b>: attempts that fail for the endpoint's own reasons (5xx, timeouts, unreachable,
 *       garbage bodies) count against it; once it opens, calls fail at once with {@link ModelException.Kind#CIRCUIT_OPEN}.
 *   <li><b>Streaming</b> demultiplexes choices by index, gathers their log-probabilities, and throws on an
 *       {@code error} event inside the stream. It is retried only before the first event reached the caller.
 *   <li><b>Timeouts</b>: the request timeout bounds the wait for the headers and, by a watchdog, every silence while
 *       the body or stream is read, so a server that stalls after its headers cannot hang a caller.
 * </ol>
 * Time and jitter are injected, so tests never sleep. Thread-safe.
 */
public final class OpenAiCompatibleClient implements ChatModel {

    /** Waits between attempts; tests record instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Checks response bodies for silence (see {@link Watchdog}); one daemon thread for every client. */
    private static final ScheduledExecutorService WATCHDOG = watchdogTimer();
    private static final HttpClient SHARED = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final EndpointSettings settings;
    private final HttpClient http;
    private final CircuitBreaker breaker;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final InstantSource clock;
    private final URI completions;

    public OpenAiCompatibleClient(EndpointSettings settings, HttpClient http, CircuitBreaker breaker, Sleeper sleeper, DoubleSupplier jitter,
            InstantSource clock) {
        this.settings = settings;
        this.http = http;
        this.breaker = breaker;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.clock = clock;
        this.completions = URI.create(settings.root() + "/chat/completions");
    }

    /** A client that really sleeps between attempts, with its own circuit breaker, on a shared HTTP client. */
    public static OpenAiCompatibleClient create(EndpointSettings settings) {
        HttpClient http = settings.connectTimeout().equals(Duration.ofSeconds(10)) ? SHARED
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.connectTimeout()).build();
        return new OpenAiCompatibleClient(settings, http, breaker(settings), duration -> Thread.sleep(duration),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble(), InstantSource.system());
    }

    private static ScheduledExecutorService watchdogTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "llm-body-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** A circuit breaker for one endpoint: {@code breakerFailures} failed attempts of the last ten open it. */
    public static CircuitBreaker breaker(EndpointSettings settings) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(settings.breakerFailures())
                .failureRateThreshold(Math.max(1f, 100f * settings.breakerFailures() / 10f))
                .waitDurationInOpenState(settings.breakerWait().isPositive() ? settings.breakerWait() : Duration.ofMillis(1))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build();
        return CircuitBreaker.of(settings.root(), config);
    }

    @Override
    public String describe() {
        return settings.root();
    }

    @Override
    public ChatCompletion complete(ChatRequest request) {
        byte[] body = body(capped(request), false);
        return withRetries(request, () -> {
            HttpResponse<InputStream> response = http.send(post(body, "application/json"), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (Watchdog watchdog = new Watchdog(response.body(), settings.requestTimeout())) {
                text = watchdog.read(request, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            if (response.statusCode() / 100 != 2) {
                throw error(request, response.statusCode(), response.headers(), text);
            }
            return parse(request, text);
        }, () -> false);
    }

    @Override
    public ChatCompletion stream(ChatRequest request, Consumer<StreamDelta> onDelta) {
        byte[] body = body(capped(request), true);
        boolean[] started = new boolean[1];
        return withRetries(request, () -> {
            HttpResponse<InputStream> response = http.send(post(body, "text/event-stream"), HttpResponse.BodyHandlers.ofInputStream());
            try (Watchdog watchdog = new Watchdog(response.body(), settings.requestTimeout())) {
                return watchdog.read(request, in -> {
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    if (response.statusCode() / 100 != 2) {
                        throw error(request, response.statusCode(), response.headers(), reader.lines().collect(Collectors.joining("\n")));
                    }
                    return aggregate(request, reader.lines().iterator(), delta -> {
                        started[0] = true;
                        onDelta.accept(delta);
                    });
                });
            }
        }, () -> started[0]);
    }

    @FunctionalInterface
    private interface Attempt {
        ChatCompletion run() throws IOException, InterruptedException;
    }

    /** @param streamed whether the attempt already passed part of an answer on: then it is never retried */
    private ChatCompletion withRetries(ChatRequest request, Attempt attempt, java.util.function.BooleanSupplier streamed) {
        for (int tries = 0; ; tries++) {
            if (!breaker.tryAcquirePermission()) {
                throw new ModelException(ModelException.Kind.CIRCUIT_OPEN, describe(), 0, null,
                        "too many recent failures for model '%s'".formatted(request.model()), null, null);
            }
            long start = System.nanoTime();
            ModelException failure;
            try {
                ChatCompletion completion = attempt.run();
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return completion;
            } catch (ModelException e) {
                failure = e;
            } catch (HttpTimeoutException e) {
                failure = new ModelException(ModelException.Kind.TIMEOUT, describe(), 0, null,
                        "no answer from model '%s' within %s".formatted(request.model(), settings.requestTimeout()), null, e);
            } catch (IOException e) {
                failure = new ModelException(ModelException.Kind.UNREACHABLE, describe(), 0, null, connectionProblem(e), null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                breaker.releasePermission();
                throw new ModelException(ModelException.Kind.TIMEOUT, describe(), 0, null, "interrupted", null, e);
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
            Duration wait = failure.retryable() && !streamed.getAsBoolean() && tries < settings.retry().maxRetries() ? delay(tries, failure) : null;
            if (wait == null) {
                throw failure;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    /** The server's requested wait when it is sane, else exponential backoff with half of it jittered; null to give up. */
    @Nullable
    Duration delay(int tries, ModelException failure) {
        RetryPolicy retry = settings.retry();
        if (failure.retryAfter().isPresent()) {
            Duration asked = failure.retryAfter().get();
            if (asked.isNegative()) {
                asked = Duration.ZERO;
            }
            return asked.compareTo(retry.maxRetryAfter()) <= 0 ? asked : null;
        }
        long cap = Math.min(retry.maxBackoff().toMillis(), retry.initialBackoff().toMillis() << Math.min(tries, 20));
        return Duration.ofMillis(cap / 2 + (long) (jitter.getAsDouble() * (cap - cap / 2)));
    }

    private static String connectionProblem(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String what = e instanceof ConnectException || cause instanceof ConnectException ? "connection refused" : "connection failed";
        return what + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private HttpRequest post(byte[] body, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(completions)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder.build();
    }

    /** {@code request} with this endpoint's {@code max_tokens} when it names none: every call is bounded. */
    private ChatRequest capped(ChatRequest request) {
        return request.maxTokens() == null ? request.withMaxTokens(settings.maxTokens()) : request;
    }

    /** The JSON body for {@code request}. */
    static byte[] body(ChatRequest request, boolean stream) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", request.model());
        ArrayNode messages = root.putArray("messages");
        request.messages().forEach(m -> message(messages.addObject(), m));
        if (request.temperature() != null) {
            root.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            root.put("max_tokens", request.maxTokens());
        }
        if (request.seed() != null) {
            root.put("seed", request.seed());
        }
        if (request.logprobs()) {
            root.put("logprobs", true);
            if (request.topLogprobs() != null) {
                root.put("top_logprobs", request.topLogprobs());
            }
        }
        if (request.n() > 1) {
            root.put("n", request.n());
        }
        if (request.schema() != null) {
            ObjectNode format = root.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode schema = format.putObject("json_schema");
            schema.put("name", request.schema().name());
            schema.put("strict", true);
            schema.set("schema", request.schema().schema());
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description()).set("parameters", tool.parameters());
            }
            if (request.toolChoice() != null) {
                root.put("tool_choice", request.toolChoice());
            }
        }
        if (stream) {
            root.put("stream", true);
            root.putObject("stream_options").put("include_usage", true);
        }
        request.extra().forEach((key, value) -> root.set(key, JSON.valueToTree(value)));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request's extra fields cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** One message: an assistant's tool calls go in {@code tool_calls} (content null when empty), a tool's result names its call. */
    private static void message(ObjectNode node, ChatMessage message) {
        node.put("role", message.role());
        if (message.toolCalls().isEmpty() || !message.content().isEmpty()) {
            node.put("content", message.content());
        } else {
            node.putNull("content");
        }
        if (!message.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCall call : message.toolCalls()) {
                calls.addObject().put("id", call.id()).put("type", "function").putObject("function").put("name", call.name())
                        .put("arguments", call.arguments());
            }
        }
        if (message.toolCallId() != null) {
            node.put("tool_call_id", message.toolCallId());
        }
    }

    /** The {@code tool_calls} of an answer's message; arguments sent as an object instead of a string are written back as JSON. */
    static List<ToolCall> toolCalls(JsonNode calls) {
        List<ToolCall> out = new ArrayList<>();
        int i = 0;
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            String id = call.path("id").isTextual() ? call.path("id").asText() : "call_" + i;
            out.add(new ToolCall(id, function.path("name").asText(""), arguments.isTextual() ? arguments.asText()
                    : arguments.isMissingNode() || arguments.isNull() ? "{}" : arguments.toString()));
            i++;
        }
        return out;
    }

    private ChatCompletion parse(ChatRequest request, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ModelException(ModelException.Kind.MALFORMED_RESPONSE, describe(), 200, null,
                    "the body is not JSON (%s): '%s'".formatted(e.getOriginalMessage(), preview(body)), null, e);
        }
        if (root == null || !root.path("choices").isArray()) {
            if (root != null && root.has("error")) {
                throw error(request, 200, HttpHeaders.of(Map.of(), (a, b) -> true), body);
            }
            throw new ModelException(ModelException.Kind.MALFORMED_RESPONSE, describe(), 200, null,
                    "the body has no 'choices' array: '%s'".formatted(preview(body)), null, null);
        }
        List<ChatCompletion.Choice> choices = new ArrayList<>();
        int i = 0;
        for (JsonNode choice : root.path("choices")) {
            JsonNode content = choice.path("message").path("content");
            choices.add(new ChatCompletion.Choice(choice.path("index").asInt(i), content.isTextual() ? content.asText() : "",
                    text(choice.path("finish_reason")), tokenLogprobs(choice.path("logprobs")), toolCalls(choice.path("message").path("tool_calls"))));
            i++;
        }
        return new ChatCompletion(text(root.path("id")), text(root.path("model")), choices, usage(root.path("usage")));
    }

    private static @Nullable String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static java.util.Optional<ChatCompletion.Usage> usage(JsonNode node) {
        if (!node.isObject()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ChatCompletion.Usage(node.path("prompt_tokens").asInt(), node.path("completion_tokens").asInt(),
                node.path("total_tokens").asInt()));
    }

    /** The per-token log-probabilities of {@code choices[i].logprobs}; vLLM writes -inf as -9999. */
    static List<ChatCompletion.TokenLogprob> tokenLogprobs(JsonNode logprobs) {
        List<ChatCompletion.TokenLogprob> out = new ArrayList<>();
        for (JsonNode token : logprobs.path("content")) {
            List<ChatCompletion.Alternative> top = new ArrayList<>();
            for (JsonNode alternative : token.path("top_logprobs")) {
                top.add(new ChatCompletion.Alternative(alternative.path("token").asText(""), logprob(alternative.path("logprob"))));
            }
            out.add(new ChatCompletion.TokenLogprob(token.path("token").asText(""), logprob(token.path("logprob")), top));
        }
        return out;
    }

    private static double logprob(JsonNode node) {
        double value = node.isNumber() ? node.asDouble() : Double.NEGATIVE_INFINITY;
        return value <= -9999 ? Double.NEGATIVE_INFINITY : Math.min(0, value);
    }

    private ChatCompletion aggregate(ChatRequest request, Iterator<String> lines, Consumer<StreamDelta> onDelta) {
        Map<Integer, StringBuilder> text = new TreeMap<>();
        Map<Integer, List<ChatCompletion.TokenLogprob>> logprobs = new TreeMap<>();
        Map<Integer, String> finish = new TreeMap<>();
        String id = null;
        String model = null;
        java.util.Optional<ChatCompletion.Usage> usage = java.util.Optional.empty();
        StringBuilder data = new StringBuilder();
        boolean done = false;
        while (!done) {
            boolean more = lines.hasNext();
            String line = more ? lines.next() : "";
            if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                continue;
            }
            if (!line.isEmpty() || data.isEmpty()) {
                if (!more) {
                    break;
                }
                continue;
            }
            String payload = data.toString();
            data.setLength(0);
            if (payload.strip().equals("[DONE]")) {
                done = true;
                continue;
            }
            JsonNode event;
            try {
                event = JSON.readTree(payload);
            } catch (JsonProcessingException e) {
                throw new ModelException(ModelException.Kind.MALFORMED_RESPONSE, describe(), 200, null,
                        "a stream event is not JSON: '%s'".formatted(preview(payload)), null, e);
            }
            if (event.has("error")) {
                ErrorBody error = ErrorBody.read(event);
                throw new ModelException(ModelException.Kind.STREAM_ERROR, describe(), 200, error.code(),
                        "error event inside the stream: " + error.message(), null, null);
            }
            if (id == null) {
                id = text(event.path("id"));
            }
            if (model == null) {
                model = text(event.path("model"));
            }
            if (event.path("usage").isObject()) {
                usage = usage(event.path("usage"));
            }
            for (JsonNode choice : event.path("choices")) {
                int index = choice.path("index").asInt(0);
                String piece = choice.path("delta").path("content").asText("");
                List<ChatCompletion.TokenLogprob> tokens = tokenLogprobs(choice.path("logprobs"));
                String reason = text(choice.path("finish_reason"));
                text.computeIfAbsent(index, k -> new StringBuilder()).append(piece);
                logprobs.computeIfAbsent(index, k -> new ArrayList<>()).addAll(tokens);
                if (reason != null) {
                    finish.put(index, reason);
                }
                onDelta.accept(new StreamDelta(index, piece, tokens, reason));
            }
            if (!more) {
                break;
            }
        }
        if (!done && text.isEmpty()) {
            throw new ModelException(ModelException.Kind.MALFORMED_RESPONSE, describe(), 200, null,
                    "the stream for model '%s' ended without an event".formatted(request.model()), null, null);
        }
        List<ChatCompletion.Choice> choices = new ArrayList<>();
        text.forEach((index, content) -> choices.add(new ChatCompletion.Choice(index, content.toString(), finish.get(index), Objects.requireNonNull(logprobs.get(index)))));
        return new ChatCompletion(id, model, choices, usage);
    }

    private ModelException error(ChatRequest request, int status, HttpHeaders headers, String body) {
        ErrorBody error;
        try {
            JsonNode root = JSON.readTree(body);
            error = root == null ? ErrorBody.text(body) : ErrorBody.read(root);
        } catch (JsonProcessingException e) {
            error = ErrorBody.text(body);
        }
        String message = error.message().toLowerCase(Locale.ROOT);
        String code = error.code();
        ModelException.Kind kind;
        if (status == 429) {
            kind = "insufficient_quota".equals(code) || "insufficient_quota".equals(error.type()) || message.contains("exceeded your current quota")
                    ? ModelException.Kind.QUOTA_EXHAUSTED : ModelException.Kind.RATE_LIMITED;
        } else if ("context_length_exceeded".equals(code) || "exceed_context_size_error".equals(error.type())
                || message.contains("exceeds the available context size")
                || message.contains("context length") || message.contains("maximum model length")) {
            kind = ModelException.Kind.CONTEXT_LENGTH;
        } else if (message.contains("only one completion choice") || (message.contains("logprobs") && message.contains("not supported"))
                || (message.contains("'n'") && message.contains("not supported"))) {
            kind = ModelException.Kind.UNSUPPORTED;
        } else if (status == 401 || status == 403) {
            kind = ModelException.Kind.UNAUTHORIZED;
        } else if (status == 408 || status == 409 || status >= 500) {
            kind = ModelException.Kind.SERVER_ERROR;
        } else if (status == 404 && !message.contains("model")) {
            // a 404 that does not name the model: the path, baseUrl + /chat/completions, is not an endpoint of this server
            kind = ModelException.Kind.NOT_FOUND;
        } else {
            kind = ModelException.Kind.BAD_REQUEST;
        }
        String detail = error.message().isBlank() ? "(empty error body) for model '%s'".formatted(request.model()) : error.message();
        return new ModelException(kind, describe(), status, code, detail, retryAfter(headers), null);
    }

    /** {@code retry-after-ms} first, then {@code Retry-After} as seconds or an HTTP date; null when neither is usable. */
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
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Duration.between(clock.instant(), at);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String preview(String body) {
        String one = body.replaceAll("\\s+", " ").strip();
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }

    /** Reads a response body; the result or an I/O failure. */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * Ends the read of a response body that has been silent for longer than {@code idle}: the request timeout
     * covers only the wait for the headers, so a server that sends them and then stalls would hang the caller. The
     * body is closed from the timer thread, which makes the blocked read fail; that failure is reported as a
     * {@link ModelException.Kind#TIMEOUT}.
     */
    private final class Watchdog implements AutoCloseable {

        private final InputStream body;
        private final long idleNanos;
        private final ScheduledFuture<?> check;
        private volatile long last = System.nanoTime();
        private volatile boolean fired;

        Watchdog(InputStream body, Duration idle) {
            this.body = body;
            this.idleNanos = idle.toNanos();
            long period = Math.max(10, idle.toMillis() / 10);
            this.check = WATCHDOG.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
        }

        private void check() {
            if (System.nanoTime() - last > idleNanos) {
                fired = true;
                check.cancel(false);
                try {
                    body.close();
                } catch (IOException ignored) {
                    // the reader sees the closed body either way
                }
            }
        }

        <T> T read(ChatRequest request, BodyReader<T> reader) throws IOException {
            InputStream touching = new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    last = System.nanoTime();
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    last = System.nanoTime();
                    return n;
                }
            };
            try {
                return reader.read(touching);
            } catch (IOException | UncheckedIOException e) {
                if (fired) {
                    throw stalled(request);
                }
                throw e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            } catch (ModelException e) {
                throw fired ? stalled(request) : e;
            }
        }

        private ModelException stalled(ChatRequest request) {
            return new ModelException(ModelException.Kind.TIMEOUT, describe(), 0, null,
                    "the answer from model '%s' stalled: nothing arrived for %s".formatted(request.model(), Duration.ofNanos(idleNanos)), null, null);
        }

        @Override
        public void close() {
            check.cancel(false);
            try {
                body.close();
            } catch (IOException ignored) {
                // nothing more to read
            }
        }
    }

    /** An error body read leniently: OpenAI's object, a bare string, vLLM's flat form. */
    private record ErrorBody(String message, @Nullable String type, @Nullable String code) {

        static ErrorBody read(JsonNode root) {
            JsonNode error = root.has("error") ? root.get("error") : root;
            if (error.isTextual()) {
                return new ErrorBody(error.asText(), null, null);
            }
            JsonNode code = error.path("code");
            String codeText = code.isTextual() ? code.asText() : null;
            String message = error.path("message").isTextual() ? error.path("message").asText() : error.toString();
            return new ErrorBody(message, OpenAiCompatibleClient.text(error.path("type")), codeText);
        }

        static ErrorBody text(String body) {
            return new ErrorBody(preview(body), null, null);
        }
    }
}
