package dev.monoscale.llm.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Error answers classified without a server: the status and wording tables, and the server's requested wait. */
class FailuresTest {

    static final String ENDPOINT = "http://127.0.0.1:9/v1";
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final ChatRequest REQUEST = ChatRequest.of("stub-model", List.of(ChatMessage.user("Route: invoices")));

    final Failures failures = new Failures(ENDPOINT, Duration.ofSeconds(60), InstantSource.fixed(NOW));

    static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(
                values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                (name, value) -> true);
    }

    ModelException.Kind kind(int status, String body) {
        return failures.error(REQUEST, status, Failures.NO_HEADERS, body).kind();
    }

    @Test
    void theStatusDecidesWhenTheWordingSaysNothingMore() {
        assertThat(kind(401, "{\"error\":\"bad key\"}")).isEqualTo(ModelException.Kind.UNAUTHORIZED);
        assertThat(kind(403, "forbidden")).isEqualTo(ModelException.Kind.UNAUTHORIZED);
        assertThat(kind(408, "")).isEqualTo(ModelException.Kind.SERVER_ERROR);
        assertThat(kind(409, "")).isEqualTo(ModelException.Kind.SERVER_ERROR);
        assertThat(kind(502, "<html>Bad gateway</html>")).isEqualTo(ModelException.Kind.SERVER_ERROR);
        assertThat(kind(422, "{\"detail\":\"temperature must be <= 2\"}")).isEqualTo(ModelException.Kind.BAD_REQUEST);
        assertThat(kind(429, "{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}"))
                .isEqualTo(ModelException.Kind.RATE_LIMITED);
    }

    @Test
    void anEmptyErrorBodyNamesTheModel() {
        assertThat(failures.error(REQUEST, 500, Failures.NO_HEADERS, "").getMessage())
                .isEqualTo("model endpoint " + ENDPOINT + ": server error (HTTP 500: (empty error body) for model"
                        + " 'stub-model'); check the server's log; it may be loading a model or overloaded");
    }

    @Test
    void retryAfterMillisecondsComeFirstAndAnUnreadableOneFallsBackToRetryAfter() {
        assertThat(failures.retryAfter(headers(Map.of("retry-after-ms", "250", "retry-after", "9"))))
                .isEqualTo(Duration.ofMillis(250));
        assertThat(failures.retryAfter(headers(Map.of("retry-after-ms", "soon", "retry-after", "2"))))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterIsReadAsFractionalSecondsOrAnHttpDateAgainstTheInjectedClock() {
        String inFiveSeconds =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(5).atOffset(ZoneOffset.UTC));
        String aMinuteAgo =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(60).atOffset(ZoneOffset.UTC));

        assertThat(failures.retryAfter(headers(Map.of("retry-after", "1.5")))).isEqualTo(Duration.ofMillis(1500));
        assertThat(failures.retryAfter(headers(Map.of("retry-after", inFiveSeconds))))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(failures.retryAfter(headers(Map.of("retry-after", aMinuteAgo))))
                .isEqualTo(Duration.ofMinutes(-1));
    }

    @Test
    void noUsableRetryAfterLeavesTheWaitToTheBackoff() {
        assertThat(failures.retryAfter(Failures.NO_HEADERS)).isNull();
        assertThat(failures.retryAfter(headers(Map.of("retry-after", "tomorrow"))))
                .isNull();
    }
}
