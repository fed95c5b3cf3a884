package dev.monoscale.llm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.llm.client.ModelException.Kind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retry and breaker decoration on its own, with attempts that are scripted instead of HTTP: which failures are
 * tried again, how long it waits first (recorded, never slept), and what the breaker counts.
 */
class EndpointGuardTest {

    static final String ENDPOINT = "http://127.0.0.1:9/v1";
    static final EndpointSettings SETTINGS = EndpointSettings.of(URI.create(ENDPOINT));
    static final Failures FAILURES = new Failures(ENDPOINT, Duration.ofSeconds(60), InstantSource.fixed(Instant.EPOCH));
    static final ChatRequest REQUEST = ChatRequest.of("stub-model", List.of(ChatMessage.user("Route: invoices")));
    static final ChatCompletion ANSWER = new ChatCompletion(
            "c", "stub-model", List.of(new ChatCompletion.Choice(0, "B", "stop", List.of())), Optional.empty());

    final List<Duration> sleeps = new ArrayList<>();
    int attempts;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    EndpointGuard guard(RetryPolicy policy, CircuitBreaker breaker) {
        return new EndpointGuard(ENDPOINT, breaker, new Backoff(policy, () -> 0.5), sleeps::add, FAILURES);
    }

    EndpointGuard guard(RetryPolicy policy) {
        return guard(policy, OpenAiCompatibleClient.breaker(SETTINGS.withBreaker(10, Duration.ofMinutes(5))));
    }

    static ModelException failure(ModelException.Kind kind, Duration retryAfter) {
        return new ModelException(kind, ENDPOINT, 0, null, "scripted", retryAfter, null);
    }

    /** An attempt that fails with the given failures in turn, then answers. */
    EndpointGuard.Attempt scripted(Exception... failures) {
        Iterator<Exception> next = List.of(failures).iterator();
        return () -> {
            attempts++;
            if (!next.hasNext()) {
                return ANSWER;
            }
            Exception failure = next.next();
            if (failure instanceof ModelException e) {
                throw e;
            }
            if (failure instanceof java.io.IOException e) {
                throw e;
            }
            throw (InterruptedException) failure;
        };
    }

    @Test
    void retriesUpToTheMaximumThenReportsTheLastFailure() {
        ModelException busy = failure(ModelException.Kind.SERVER_ERROR, null);
        EndpointGuard guard = guard(RetryPolicy.defaults().withMaxRetries(2));

        assertThatThrownBy(() -> guard.call(REQUEST, scripted(busy, busy, busy, busy), () -> false))
                .isSameAs(busy);
        assertThat(attempts).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void theBackoffDoublesUntilItsCapAndJittersTheUpperHalf() {
        ModelException busy = failure(ModelException.Kind.SERVER_ERROR, null);
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(60));

        assertThat(guard(policy).call(REQUEST, scripted(busy, busy, busy, busy, busy), () -> false))
                .isEqualTo(ANSWER);
        // caps 500 ms, then 1 s (the maximum) from the second wait on; half fixed, half at the jitter's 0.5
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofMillis(375),
                        Duration.ofMillis(750),
                        Duration.ofMillis(750),
                        Duration.ofMillis(750),
                        Duration.ofMillis(750));
    }

    @Test
    void theServersRequestedWaitReplacesTheBackoffAndOneInThePastIsNoWait() {
        ModelException limited = failure(ModelException.Kind.RATE_LIMITED, Duration.ofMillis(1200));
        ModelException late = failure(ModelException.Kind.RATE_LIMITED, Duration.ofSeconds(-3));

        guard(RetryPolicy.defaults()).call(REQUEST, scripted(limited, late), () -> false);

        assertThat(sleeps).containsExactly(Duration.ofMillis(1200), Duration.ZERO);
    }

    @Test
    void aRequestedWaitLongerThanTheCapIsFinal() {
        ModelException limited = failure(ModelException.Kind.RATE_LIMITED, Duration.ofSeconds(61));

        assertThatThrownBy(() -> guard(RetryPolicy.defaults()).call(REQUEST, scripted(limited), () -> false))
                .isSameAs(limited);
        assertThat(attempts).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void refusedRequestsAreNeverRetried() {
        for (ModelException.Kind kind : List.of(
                ModelException.Kind.BAD_REQUEST,
                ModelException.Kind.CONTEXT_LENGTH,
                ModelException.Kind.QUOTA_EXHAUSTED,
                ModelException.Kind.UNAUTHORIZED,
                ModelException.Kind.MALFORMED_RESPONSE,
                ModelException.Kind.STREAM_ERROR)) {
            attempts = 0;
            ModelException refused = failure(kind, Duration.ofMillis(10));

            assertThatThrownBy(() -> guard(RetryPolicy.defaults()).call(REQUEST, scripted(refused), () -> false))
                    .isSameAs(refused);
            assertThat(attempts).as(kind.name()).isEqualTo(1);
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void timeoutsAndConnectionFailuresAreRetriedAsTheirKinds() {
        guard(RetryPolicy.defaults())
                .call(
                        REQUEST,
                        scripted(
                                new HttpTimeoutException("request timed out"),
                                new ConnectException("Connection refused")),
                        () -> false);

        assertThat(attempts).isEqualTo(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750));
    }

    @Test
    void aStreamThatAlreadyPassedPartOfItsAnswerOnIsNotRetried() {
        ModelException broken = failure(ModelException.Kind.SERVER_ERROR, null);
        boolean[] started = {false};
        EndpointGuard.Attempt attempt = () -> {
            attempts++;
            started[0] = true; // a delta reached the caller, then the stream broke
            throw broken;
        };

        assertThatThrownBy(() -> guard(RetryPolicy.defaults()).call(REQUEST, attempt, () -> started[0]))
                .isSameAs(broken);
        assertThat(attempts).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anInterruptedCallerIsNotRetriedAndStaysInterrupted() {
        EndpointGuard guard = guard(RetryPolicy.defaults());

        assertThatThrownBy(() -> guard.call(REQUEST, scripted(new InterruptedException()), () -> false))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
                .hasMessageContaining("interrupted");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(attempts).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void onlyTheEndpointsOwnFailuresCountAgainstItsBreaker() {
        CircuitBreaker breaker = OpenAiCompatibleClient.breaker(SETTINGS.withBreaker(10, Duration.ofMinutes(5)));
        EndpointGuard guard = guard(RetryPolicy.none(), breaker);
        for (ModelException.Kind kind : List.of(
                ModelException.Kind.CONTEXT_LENGTH,
                ModelException.Kind.RATE_LIMITED,
                ModelException.Kind.SERVER_ERROR,
                ModelException.Kind.TIMEOUT,
                ModelException.Kind.UNREACHABLE,
                ModelException.Kind.MALFORMED_RESPONSE)) {
            ModelException failure = failure(kind, null);
            assertThatThrownBy(() -> guard.call(REQUEST, scripted(failure), () -> false))
                    .isSameAs(failure);
        }

        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(2);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(4);
    }

    @Test
    void anOpenBreakerFailsTheCallWithoutAnAttempt() {
        CircuitBreaker breaker = OpenAiCompatibleClient.breaker(SETTINGS);
        breaker.transitionToOpenState();

        assertThatThrownBy(() -> guard(RetryPolicy.defaults(), breaker).call(REQUEST, scripted(), () -> false))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CIRCUIT_OPEN))
                .hasMessage("model endpoint " + ENDPOINT + ": circuit open (too many recent failures for model"
                        + " 'stub-model'); check the server; calls resume after the breaker's wait");
        assertThat(attempts).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aCallersOwnExceptionGoesThroughUncountedAndHandsThePermissionBack() {
        CircuitBreaker breaker = OpenAiCompatibleClient.breaker(SETTINGS);
        EndpointGuard.Attempt callerBug = () -> {
            throw new IllegalStateException("the caller's own bug");
        };

        assertThatThrownBy(() -> guard(RetryPolicy.defaults(), breaker).call(REQUEST, callerBug, () -> false))
                .hasMessage("the caller's own bug");
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
        assertThat(sleeps).isEmpty();
    }
}
