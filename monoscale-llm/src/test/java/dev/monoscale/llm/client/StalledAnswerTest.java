package dev.monoscale.llm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that sends its headers and then goes silent: the request timeout covers only the headers, so the client
 * must notice the silence itself. A loopback server of our own, because it has to flush part of a body and stall.
 */
class StalledAnswerTest {

    /**
     * Bounds the wait for the headers and every silence after them. The headers come at once, so it only has to be
     * far above how long a busy machine takes to send them; the silence lasts until the test ends.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** A guard against a hang, far above the request timeout. */
    static final Duration NO_HANG = Duration.ofMinutes(1);

    HttpServer server;
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean stream = exchange.getRequestHeaders().getFirst("Accept").contains("event-stream");
            exchange.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            String first = stream
                    ? "data: {\"id\":\"s\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"},\"finish_reason\":null}]}\n\n"
                    : "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"Par";
            out.write(first.getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await(5, TimeUnit.MINUTES); // stalls after the first event until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    OpenAiCompatibleClient client() {
        EndpointSettings settings = EndpointSettings.of(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"))
                .withRequestTimeout(REQUEST_TIMEOUT)
                .withRetry(RetryPolicy.none());
        return new OpenAiCompatibleClient(
                settings,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                OpenAiCompatibleClient.breaker(settings),
                d -> {},
                () -> 0.5,
                InstantSource.system());
    }

    static ChatRequest request() {
        return ChatRequest.of("stub-model", List.of(ChatMessage.user("Write a long essay.")));
    }

    @Test
    void aStreamThatStallsAfterItsHeadersTimesOut() {
        List<String> pieces = new ArrayList<>();
        assertTimeoutPreemptively(
                NO_HANG,
                () -> assertThatThrownBy(() -> client().stream(request(), d -> pieces.add(d.content())))
                        .isInstanceOfSatisfying(
                                ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT))
                        .hasMessageContaining("stalled"));
        assertThat(pieces).containsExactly("Par");
    }

    @Test
    void aBodyThatStallsAfterItsHeadersTimesOut() {
        assertTimeoutPreemptively(
                NO_HANG,
                () -> assertThatThrownBy(() -> client().complete(request()))
                        .isInstanceOfSatisfying(
                                ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT))
                        .hasMessageContaining("stalled"));
    }
}
