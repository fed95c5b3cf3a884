package dev.monoscale.llm.client;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

/**
 * A {@link ChatModel} over the JDK {@link HttpClient} and Jackson, for any OpenAI-compatible server. It puts
 * together one class per concern:
 *
 * <ol>
 *   <li><b>Requests</b> ({@link RequestBodies}) carry only the fields that are set; {@link ChatRequest#extra()} is
 *       merged at the top level. Every request without its own {@code max_tokens} gets the endpoint's.
 *   <li><b>Transport</b> ({@link HttpTransport}): one POST per attempt; the request timeout bounds the wait for the
 *       headers and, by a {@link Watchdog}, every silence while the body or stream is read, so a server that stalls
 *       after its headers cannot hang a caller.
 *   <li><b>Answers</b>: a body is read by {@link CompletionJson}; a stream by {@link StreamAggregator}, which
 *       demultiplexes choices by index, gathers their log-probabilities, and throws on an {@code error} event.
 *   <li><b>Errors</b> ({@link Failures}) are read leniently and classified into {@link ModelException} kinds.
 *   <li><b>Retries and the circuit breaker</b> ({@link EndpointGuard}, {@link Backoff}) on resilience4j:
 *       408/409/429/5xx, timeouts and connection failures are retried after {@code retry-after-ms}, then
 *       {@code Retry-After} (seconds or an HTTP date), else exponential backoff with jitter; a 429 with
 *       {@code insufficient_quota} is final, as is every other 4xx. A stream is retried only before its first event
 *       reached the caller. Attempts that fail for the endpoint's own reasons count against its breaker; once it
 *       opens, calls fail at once with {@link ModelException.Kind#CIRCUIT_OPEN}.
 * </ol>
 * Time and jitter are injected, so tests never sleep. Thread-safe.
 */
public final class OpenAiCompatibleClient implements ChatModel {

    /** Waits between attempts; tests record instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final String JSON = "application/json";
    private static final String EVENTS = "text/event-stream";
    private static final HttpClient SHARED = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final EndpointSettings settings;
    private final HttpTransport transport;
    private final CompletionJson answers;
    private final StreamAggregator streams;
    private final Failures failures;
    private final EndpointGuard guard;

    /**
     * @param jitter in [0, 1), where in the upper half of each backoff to wait
     * @param clock reads an HTTP-date {@code Retry-After}
     */
    public OpenAiCompatibleClient(
            EndpointSettings settings,
            HttpClient http,
            CircuitBreaker breaker,
            Sleeper sleeper,
            DoubleSupplier jitter,
            InstantSource clock) {
        this.settings = settings;
        this.transport = new HttpTransport(settings, http);
        this.failures = new Failures(settings.root(), settings.requestTimeout(), clock);
        this.answers = new CompletionJson(settings.root(), failures);
        this.streams = new StreamAggregator(settings.root(), failures);
        this.guard =
                new EndpointGuard(settings.root(), breaker, new Backoff(settings.retry(), jitter), sleeper, failures);
    }

    /** A client that really sleeps between attempts, with its own circuit breaker, on a shared HTTP client. */
    public static OpenAiCompatibleClient create(EndpointSettings settings) {
        HttpClient http = settings.connectTimeout().equals(Duration.ofSeconds(10))
                ? SHARED
                : HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(settings.connectTimeout())
                        .build();
        return new OpenAiCompatibleClient(
                settings,
                http,
                breaker(settings),
                duration -> Thread.sleep(duration),
                () -> ThreadLocalRandom.current().nextDouble(),
                InstantSource.system());
    }

    /** A circuit breaker for one endpoint: {@code breakerFailures} failed attempts of the last ten open it. */
    public static CircuitBreaker breaker(EndpointSettings settings) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(settings.breakerFailures())
                .failureRateThreshold(Math.max(1f, 100f * settings.breakerFailures() / 10f))
                .waitDurationInOpenState(
                        settings.breakerWait().isPositive() ? settings.breakerWait() : Duration.ofMillis(1))
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
        byte[] body = RequestBodies.body(capped(request), false);
        return guard.call(
                request,
                () -> transport.exchange(request, body, JSON, (status, headers, in) -> {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (status / 100 != 2) {
                        throw failures.error(request, status, headers, text);
                    }
                    return answers.parse(request, text);
                }),
                () -> false);
    }

    @Override
    public ChatCompletion stream(ChatRequest request, Consumer<StreamDelta> onDelta) {
        byte[] body = RequestBodies.body(capped(request), true);
        boolean[] started = new boolean[1];
        return guard.call(
                request,
                () -> transport.exchange(request, body, EVENTS, (status, headers, in) -> {
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    if (status / 100 != 2) {
                        throw failures.error(
                                request, status, headers, reader.lines().collect(Collectors.joining("\n")));
                    }
                    return streams.aggregate(request, reader.lines().iterator(), delta -> {
                        started[0] = true;
                        onDelta.accept(delta);
                    });
                }),
                () -> started[0]);
    }

    /** {@code request} with this endpoint's {@code max_tokens} when it names none: every call is bounded. */
    private ChatRequest capped(ChatRequest request) {
        return request.maxTokens() == null ? request.withMaxTokens(settings.maxTokens()) : request;
    }
}
