package dev.monoscale.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.Skill;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What the server keeps and what it refuses: finished tasks are not kept for ever, and bad bodies are JSON-RPC errors. */
class A2aServerLimitsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2020-01-02T03:04:05Z"));

    private static JsonNode rpc(A2aServer server, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/a2a/jsonrpc"))
                        .header("Content-Type", "application/json")
                        .header("A2A-Version", "1.0")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return A2aWire.MAPPER.readTree(response.body());
    }

    private static String send(int id, String text) {
        return A2aWire.request(id, "SendMessage", A2aWire.sendParams(A2aProtocol.JSONRPC_1_0, "m-" + id, text, true))
                .toString();
    }

    private static String getTask(int id, String taskId) {
        return A2aWire.request(id, "GetTask", A2aWire.MAPPER.createObjectNode().put("id", taskId))
                .toString();
    }

    @Test
    void keepsOnlyTheNewestFinishedTasksPastItsLimit() throws Exception {
        try (A2aServer server = A2aServer.start(new Shouter(), "127.0.0.1", 0, Duration.ofSeconds(60), CLOCK, 3)) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                ids.add(rpc(server, send(i, "hello " + i))
                        .path("result")
                        .path("task")
                        .path("id")
                        .asText());
            }

            assertThat(server.taskCount()).isEqualTo(3);
            assertThat(rpc(server, getTask(10, ids.get(0)))
                            .path("error")
                            .path("code")
                            .asInt())
                    .isEqualTo(-32001);
            assertThat(rpc(server, getTask(11, ids.get(1)))
                            .path("error")
                            .path("code")
                            .asInt())
                    .isEqualTo(-32001);
            assertThat(rpc(server, getTask(12, ids.get(4)))
                            .path("result")
                            .path("status")
                            .path("state")
                            .asText())
                    .isEqualTo("TASK_STATE_COMPLETED");
        }
    }

    @Test
    void anUnknownTaskOverHttpJsonIsAnErrorInTheShapeOfTheRequestsVersion() throws Exception {
        try (A2aServer server = A2aServer.start(new Shouter(), "127.0.0.1", 0, Duration.ofSeconds(60), CLOCK)) {
            HttpResponse<String> v10 = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/a2a/rest/tasks/no-such-task"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> v03 = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/a2a/rest/v1/tasks/no-such-task"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(v10.statusCode()).isEqualTo(404);
            assertThat(A2aWire.MAPPER
                            .readTree(v10.body())
                            .path("error")
                            .path("status")
                            .asText())
                    .isEqualTo("NOT_FOUND");
            assertThat(v03.statusCode()).isEqualTo(404);
            assertThat(A2aWire.MAPPER.readTree(v03.body()))
                    .isEqualTo(
                            A2aWire.MAPPER.readTree("{\"code\":-32001,\"message\":\"Task not found: no-such-task\"}"));
        }
    }

    @Test
    void aServerReachedThroughAnotherAddressNamesItInItsCard() throws Exception {
        try (A2aServer server = A2aServer.start(new Shouter(), "127.0.0.1", 0, Duration.ofSeconds(60), CLOCK)
                .advertising("https://agents.example.com/office/")) {
            JsonNode card = A2aWire.MAPPER.readTree(HTTP.send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/.well-known/agent-card.json"))
                                    .header("A2A-Version", "1.0")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());

            assertThat(card.path("supportedInterfaces").findValuesAsText("url"))
                    .containsOnly(
                            "https://agents.example.com/office/a2a/jsonrpc",
                            "https://agents.example.com/office/a2a/rest");
        }
    }

    @Test
    void stampsAFinishedTaskWithItsClock() throws Exception {
        try (A2aServer server = A2aServer.start(new Shouter(), "127.0.0.1", 0, Duration.ofSeconds(60), CLOCK)) {
            JsonNode task = rpc(server, send(1, "hello")).path("result").path("task");

            assertThat(task.path("status").path("state").asText()).isEqualTo("TASK_STATE_COMPLETED");
            assertThat(task.path("status").path("timestamp").asText()).isEqualTo("2020-01-02T03:04:05Z");
        }
    }

    @Test
    void answersABodyTooLargeToReadWithAJsonRpcError() throws Exception {
        try (A2aServer server = A2aServer.start(new Shouter(), "127.0.0.1", 0, Duration.ofSeconds(60), CLOCK)) {
            JsonNode response = rpc(server, send(1, "x".repeat(3_000_000)));

            assertThat(response.path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(response.path("id").isNull()).isTrue();
            assertThat(server.taskCount()).isZero();
        }
    }

    /** Waits until the stream's client has gone, then reports many long progress lines and answers. */
    static final class Verbose implements A2aBackend {
        final CountDownLatch clientGone = new CountDownLatch(1);

        @Override
        public String name() {
            return "Verbose";
        }

        @Override
        public String description() {
            return "d";
        }

        @Override
        public List<Skill> skills() {
            return List.of();
        }

        @Override
        public Result handle(String text, Consumer<String> progress) {
            try {
                clientGone.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 200; i++) {
                progress.accept(i + " " + "x".repeat(20_000));
            }
            return Result.answered("done");
        }
    }

    @Test
    void aStreamWhoseClientGoesAwayStillFinishesItsTask() throws Exception {
        Verbose backend = new Verbose();
        try (A2aServer server = A2aServer.start(backend, "127.0.0.1", 0, Duration.ofSeconds(60), CLOCK)) {
            String body = A2aWire.request(
                            1,
                            "SendStreamingMessage",
                            A2aWire.sendParams(A2aProtocol.JSONRPC_1_0, "m-1", "hello", true))
                    .toString();
            String taskId;
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                socket.getOutputStream()
                        .write(
                                ("POST /a2a/jsonrpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nA2A-Version: 1.0\r\n"
                                                + "Content-Length: " + bytes.length + "\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line;
                do {
                    line = in.readLine();
                } while (line != null && !line.startsWith("data: "));
                assertThat(line).isNotNull();
                taskId = A2aWire.MAPPER
                        .readTree(line.substring("data: ".length()))
                        .path("result")
                        .path("task")
                        .path("id")
                        .asText();
            }
            backend.clientGone.countDown();

            String state = rpc(server, getTask(2, taskId))
                    .path("result")
                    .path("status")
                    .path("state")
                    .asText();
            long deadline =
                    System.nanoTime() + TimeUnit.MINUTES.toNanos(1); // generous: the run ends moments after its release
            while (!state.equals("TASK_STATE_COMPLETED")
                    && !state.equals("TASK_STATE_FAILED")
                    && System.nanoTime() < deadline) {
                Thread.sleep(20); // a poll with a deadline, not a wait for time to pass
                state = rpc(server, getTask(2, taskId))
                        .path("result")
                        .path("status")
                        .path("state")
                        .asText();
            }
            assertThat(state).isEqualTo("TASK_STATE_COMPLETED");
        }
    }
}
