package dev.monoscale.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the server keeps and what it refuses: finished tasks are not kept for ever, and bad bodies are JSON-RPC errors. */
class A2aServerLimitsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2020-01-02T03:04:05Z"));

    private static JsonNode rpc(A2aServer server, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/a2a/jsonrpc"))
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return A2aWire.MAPPER.readTree(response.body());
    }

    private static String send(int id, String text) {
        return A2aWire.request(id, "SendMessage", A2aWire.sendParams(A2aProtocol.JSONRPC_1_0, "m-" + id, text, true)).toString();
    }

    private static String getTask(int id, String taskId) {
        return A2aWire.request(id, "GetTask", A2aWire.MAPPER.createObjectNode().put("id", taskId)).toString();
    }

    @Test
    void keepsOnlyTheNewestFinishedTasksPastItsLimit() throws Exception {
        try (A2aServer server = A2aServer.start(new A2aServerInteropTest.Shouter(), "127.0.0.1", 0, Duration.ofSeconds(5), CLOCK, 3)) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                ids.add(rpc(server, send(i, "hello " + i)).path("result").path("task").path("id").asText());
            }

            assertThat(server.taskCount()).isEqualTo(3);
            assertThat(rpc(server, getTask(10, ids.get(0))).path("error").path("code").asInt()).isEqualTo(-32001);
            assertThat(rpc(server, getTask(11, ids.get(1))).path("error").path("code").asInt()).isEqualTo(-32001);
            assertThat(rpc(server, getTask(12, ids.get(4))).path("result").path("status").path("state").asText()).isEqualTo("TASK_STATE_COMPLETED");
        }
    }

    @Test
    void stampsAFinishedTaskWithItsClock() throws Exception {
        try (A2aServer server = A2aServer.start(new A2aServerInteropTest.Shouter(), "127.0.0.1", 0, Duration.ofSeconds(5), CLOCK)) {
            JsonNode task = rpc(server, send(1, "hello")).path("result").path("task");

            assertThat(task.path("status").path("state").asText()).isEqualTo("TASK_STATE_COMPLETED");
            assertThat(task.path("status").path("timestamp").asText()).isEqualTo("2020-01-02T03:04:05Z");
        }
    }

    @Test
    void answersABodyTooLargeToReadWithAJsonRpcError() throws Exception {
        try (A2aServer server = A2aServer.start(new A2aServerInteropTest.Shouter(), "127.0.0.1", 0, Duration.ofSeconds(5), CLOCK)) {
            JsonNode response = rpc(server, send(1, "x".repeat(3_000_000)));

            assertThat(response.path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(response.path("id").isNull()).isTrue();
            assertThat(server.taskCount()).isZero();
        }
    }
}
