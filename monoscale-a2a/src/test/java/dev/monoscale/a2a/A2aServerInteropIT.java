package dev.monoscale.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The official {@code @a2a-js/sdk} 1.3.0 client against MonoScale's {@link A2aServer}, at protocol 1.0 and 0.3, over
 * JSON-RPC and HTTP+JSON; and the exact JSON the server answers, since the SDK client is lenient too.
 */
class A2aServerInteropIT {

    private static A2aServer server;
    private static A2aServer impatient;
    private static final Shouter IMPATIENTS_BACKEND = new Shouter();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        NodePeer.install();
        server = A2aServer.start(new Shouter(), "127.0.0.1", 0, Duration.ofSeconds(60), InstantSource.system());
        impatient = A2aServer.start(IMPATIENTS_BACKEND, "127.0.0.1", 0, Duration.ofMillis(50), InstantSource.system());
    }

    @AfterAll
    static void stop() {
        server.close();
        impatient.close();
    }

    private static List<String> sdkClient(String url, String... flags) {
        return sdkClient(url, () -> {}, flags);
    }

    /** Runs the SDK client to its end; {@code onResult} runs once it has printed the send's result. */
    private static List<String> sdkClient(String url, Runnable onResult, String... flags) {
        List<String> command = new ArrayList<>(List.of(NodePeer.node(), "sdk-client.mjs", url));
        command.addAll(List.of(flags));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(NodePeer.INSTALLED.toFile())
                    .redirectErrorStream(true)
                    .start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    if (line.startsWith("RESULT ")) {
                        onResult.run();
                    }
                }
            }
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(String.join("\n", lines)).as("SDK client output").contains("CLIENT_OK");
            assertThat(process.exitValue()).isZero();
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the SDK client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode line(List<String> lines, String tag) throws IOException {
        String found = lines.stream()
                .filter(l -> l.startsWith(tag + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(tag + " missing in " + lines));
        return A2aWire.MAPPER.readTree(found.substring(tag.length() + 1));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"JSONRPC, 1.0", "HTTP+JSON, 1.0", "JSONRPC, 0.3", "HTTP+JSON, 0.3"})
    void theSdkClientGetsTheCompletedTask(String binding, String version) throws IOException {
        List<String> lines = sdkClient(server.url(), flags(binding, version, "--text", "hello"));

        assertThat(line(lines, "TRANSPORT").toString())
                .isEqualTo("{\"protocol\":\"%s\",\"version\":\"%s\"}".formatted(binding, version));
        JsonNode task = line(lines, "RESULT").path("task");
        assertThat(task.path("status").path("state").asText()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(task.path("artifacts")
                        .path(0)
                        .path("parts")
                        .path(0)
                        .path("text")
                        .asText())
                .isEqualTo("ANSWER: HELLO");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"JSONRPC, 1.0", "HTTP+JSON, 1.0", "JSONRPC, 0.3", "HTTP+JSON, 0.3"})
    void theSdkClientStreamsTheProgress(String binding, String version) throws IOException {
        List<String> lines = sdkClient(server.url(), flags(binding, version, "--stream", "--text", "hello"));

        JsonNode events = line(lines, "EVENTS");
        List<String> kinds = new ArrayList<>();
        events.forEach(e -> kinds.add(e.fieldNames().next()));
        assertThat(kinds).containsExactly("task", "statusUpdate", "artifactUpdate", "statusUpdate");
        assertThat(events.path(1)
                        .path("statusUpdate")
                        .path("status")
                        .path("message")
                        .path("parts")
                        .path(0)
                        .path("text")
                        .asText())
                .isEqualTo("step 1 -> shouter");
        assertThat(events.path(3)
                        .path("statusUpdate")
                        .path("status")
                        .path("state")
                        .asText())
                .isEqualTo("TASK_STATE_COMPLETED");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"JSONRPC, 1.0", "HTTP+JSON, 1.0", "JSONRPC, 0.3"})
    void aRunThatTakesTimeIsAWorkingTaskThatTheSdkPollsWithGetTask(String binding, String version) throws IOException {
        List<String> lines = sdkClient(
                impatient.url(),
                IMPATIENTS_BACKEND::letOneSlowRunFinish,
                flags(binding, version, "--poll", "--text", "slow please"));

        assertThat(line(lines, "RESULT")
                        .path("task")
                        .path("status")
                        .path("state")
                        .asText())
                .isEqualTo("TASK_STATE_WORKING");
        JsonNode task = line(lines, "TASK");
        assertThat(task.path("status").path("state").asText()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(task.path("artifacts")
                        .path(0)
                        .path("parts")
                        .path(0)
                        .path("text")
                        .asText())
                .isEqualTo("ANSWER: SLOW PLEASE");
    }

    @Test
    void aFailedRunIsAFailedTaskWithTheReason() throws IOException {
        List<String> lines = sdkClient(server.url(), "--text", "fail now");

        JsonNode status = line(lines, "RESULT").path("task").path("status");
        assertThat(status.path("state").asText()).isEqualTo("TASK_STATE_FAILED");
        assertThat(status.path("message").path("parts").path(0).path("text").asText())
                .isEqualTo("no worker could do it");
    }

    @Test
    void theExactJsonOfAVersion1AnswerOverJsonRpc() throws Exception {
        JsonNode response = post(server.url() + "/a2a/jsonrpc", "1.0", """
                {"jsonrpc":"2.0","id":"req-1","method":"SendMessage","params":{"message":{"messageId":"m-1","role":"ROLE_USER","parts":[{"text":"hi"}]}}}""");

        String id = response.path("result").path("task").path("id").asText();
        String context = response.path("result").path("task").path("contextId").asText();
        String timestamp = response.path("result")
                .path("task")
                .path("status")
                .path("timestamp")
                .asText();
        assertThat(response.toString()).isEqualTo("""
                {"jsonrpc":"2.0","id":"req-1","result":{"task":{"id":"%1$s","contextId":"%2$s","status":{"state":"TASK_STATE_COMPLETED","timestamp":"%3$s"},\
                "artifacts":[{"artifactId":"answer","name":"answer","parts":[{"text":"ANSWER: HI","mediaType":"text/plain"}]}],\
                "history":[{"messageId":"request-%1$s","contextId":"%2$s","taskId":"%1$s","role":"ROLE_USER","parts":[{"text":"hi","mediaType":"text/plain"}]}]}}}""".formatted(id, context, timestamp));
    }

    @Test
    void theExactJsonOfAVersion03AnswerOverJsonRpc() throws Exception {
        JsonNode response = post(server.url() + "/a2a/jsonrpc", null, """
                {"jsonrpc":"2.0","id":7,"method":"message/send","params":{"message":{"kind":"message","messageId":"m-1","role":"user","parts":[{"kind":"text","text":"hi"}]}}}""");

        String id = response.path("result").path("id").asText();
        String context = response.path("result").path("contextId").asText();
        String timestamp =
                response.path("result").path("status").path("timestamp").asText();
        assertThat(response.toString()).isEqualTo("""
                {"jsonrpc":"2.0","id":7,"result":{"kind":"task","id":"%1$s","contextId":"%2$s","status":{"state":"completed","timestamp":"%3$s"},\
                "artifacts":[{"artifactId":"answer","name":"answer","parts":[{"kind":"text","text":"ANSWER: HI"}]}],\
                "history":[{"kind":"message","messageId":"request-%1$s","contextId":"%2$s","taskId":"%1$s","role":"user","parts":[{"kind":"text","text":"hi"}]}]}}""".formatted(id, context, timestamp));
    }

    @Test
    void versionAndMethodMismatchesAreTheProtocolsErrors() throws Exception {
        String send = """
                {"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x"}]}}}""";
        assertThat(post(server.url() + "/a2a/jsonrpc", "2.0", send)
                        .path("error")
                        .path("code")
                        .asInt())
                .isEqualTo(-32009);
        assertThat(post(server.url() + "/a2a/jsonrpc", null, send)
                        .path("error")
                        .path("code")
                        .asInt())
                .isEqualTo(-32601);
        assertThat(post(server.url() + "/a2a/jsonrpc", "1.0", """
                {"jsonrpc":"2.0","id":2,"method":"GetTask","params":{"id":"nope"}}""").toString())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32001,\"message\":\"Task not found: nope\"}}");
        assertThat(post(server.url() + "/a2a/jsonrpc", "1.0", "{not json")
                        .path("error")
                        .path("code")
                        .asInt())
                .isEqualTo(-32700);
    }

    @Test
    void monoscalesOwnClientReadsTheServedCardAndCallsIt() {
        for (A2aProtocol protocol : A2aProtocol.values()) {
            A2aWorker worker =
                    A2aWorkers.connect(server.url(), A2aClientConfig.defaults().withProtocols(List.of(protocol)));
            assertThat(worker.call(new dev.monoscale.core.WorkerCall(
                            dev.monoscale.core.TaskId.of("t"), 0, "ping", List.of(), 0)))
                    .as(protocol.toString())
                    .isInstanceOfSatisfying(
                            dev.monoscale.core.WorkerReply.Answered.class,
                            a -> assertThat(a.content()).isEqualTo("ANSWER: PING"));
        }
    }

    private static String[] flags(String binding, String version, String... more) {
        List<String> flags = new ArrayList<>();
        if (binding.equals("HTTP+JSON")) {
            flags.add("--rest");
        }
        if (version.equals("0.3")) {
            flags.add("--v03");
        }
        flags.addAll(List.of(more));
        return flags.toArray(String[]::new);
    }

    private static JsonNode post(String url, String version, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (version != null) {
            request.header("A2A-Version", version);
        }
        return A2aWire.MAPPER.readTree(
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
