package dev.monoscale.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MonoScale's A2A client against an agent built on the official {@code @a2a-js/sdk} 1.3.0 (an independent peer),
 * at protocol 1.0 and 0.3, over JSON-RPC and HTTP+JSON. The SDK accepts sloppy requests, so each test also checks
 * the exact JSON MonoScale put on the wire, as the peer recorded it.
 */
class A2aClientInteropIT {

    private static NodePeer echo;

    @BeforeAll
    static void startPeer() {
        echo = NodePeer.start("echo-agent.mjs", Map.of("AGENT_NAME", "Echo Agent", "SLOW_MS", "700"));
    }

    @AfterAll
    static void stopPeer() {
        echo.close();
    }

    private static WorkerCall call(String text) {
        return new WorkerCall(TaskId.of("t-1"), 0, text, List.of(), 0);
    }

    private static A2aWorker worker(A2aProtocol protocol, A2aClientConfig config) {
        return A2aWorkers.connect(echo.url(), config.withProtocols(List.of(protocol)));
    }

    private static A2aWorker worker(A2aProtocol protocol) {
        return worker(protocol, A2aClientConfig.defaults());
    }

    @Test
    void discoversTheCardUnderTheBaseUrlWithEveryInterface() {
        A2aAgent agent = new A2aDiscovery(A2aClientConfig.defaults()).discover(echo.url());

        assertThat(agent.card().name()).isEqualTo("Echo Agent");
        assertThat(agent.source()).isEqualTo(echo.url() + "/.well-known/agent-card.json");
        assertThat(agent.card().endpoints())
                .extracting(e -> e.binding() + " " + e.protocolVersion())
                .containsExactly("JSONRPC 1.0", "HTTP+JSON 1.0", "JSONRPC 0.3", "HTTP+JSON 0.3");
        assertThat(agent.security()).isEqualTo(A2aSecurity.NONE);
        assertThat(agent.streaming()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(A2aProtocol.class)
    void aMessageReplyIsTheAnswerAndTheRequestIsExactlyTheProtocolsShape(A2aProtocol protocol) {
        echo.forget();
        WorkerReply reply = worker(protocol).call(call("hello"));

        assertThat(reply)
                .isInstanceOfSatisfying(
                        WorkerReply.Answered.class, a -> assertThat(a.content()).isEqualTo("echo: hello"));
        List<JsonNode> calls = echo.calls();
        assertThat(calls).hasSize(1);
        JsonNode sent = calls.getFirst();
        assertThat(sent.path("headers").path("a2a-version").asText()).isEqualTo(protocol.version());
        assertThat(sent.path("headers").path("content-type").asText()).isEqualTo("application/json");
        JsonNode body = withoutMessageId(sent.path("body").asText());
        String expected = switch (protocol) {
            case JSONRPC_1_0 -> """
                    {"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"role":"ROLE_USER","parts":[{"text":"hello","mediaType":"text/plain"}]}}}""";
            case JSONRPC_0_3 -> """
                    {"jsonrpc":"2.0","id":1,"method":"message/send","params":{"message":{"kind":"message","role":"user","parts":[{"kind":"text","text":"hello"}]},"configuration":{"blocking":true}}}""";
            case REST_1_0 -> """
                    {"message":{"role":"ROLE_USER","parts":[{"text":"hello","mediaType":"text/plain"}]}}""";
            case REST_0_3 -> """
                    {"message":{"role":"ROLE_USER","content":[{"text":"hello"}]},"configuration":{"blocking":true}}""";
        };
        assertThat(body.toString()).isEqualTo(expected);
        assertThat(sent.path("path").asText())
                .isEqualTo(
                        switch (protocol) {
                            case JSONRPC_1_0, JSONRPC_0_3 -> "/a2a/jsonrpc";
                            case REST_1_0 -> "/a2a/rest/message:send";
                            case REST_0_3 -> "/a2a/rest/v1/message:send";
                        });
    }

    @ParameterizedTest
    @EnumSource(A2aProtocol.class)
    void aCompletedTaskAnswersWithItsArtifact(A2aProtocol protocol) {
        WorkerReply reply = worker(protocol).call(call("task: hi"));

        assertThat(reply)
                .isInstanceOfSatisfying(
                        WorkerReply.Answered.class, a -> assertThat(a.content()).isEqualTo("echo: task: hi"));
    }

    @ParameterizedTest
    @EnumSource(A2aProtocol.class)
    void aFailedTaskIsFailureEvidenceNotACrash(A2aProtocol protocol) {
        WorkerReply reply = worker(protocol).call(call("fail: on purpose"));

        assertThat(reply).isInstanceOfSatisfying(WorkerReply.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.ERROR);
            assertThat(f.message())
                    .contains("failed")
                    .contains("failed on purpose")
                    .contains("echo-agent");
        });
    }

    @ParameterizedTest
    @EnumSource(
            value = A2aProtocol.class,
            names = {"JSONRPC_1_0", "JSONRPC_0_3", "REST_1_0"})
    void aTaskStillWorkingIsPolledUntilItCompletes(A2aProtocol protocol) {
        echo.forget();
        A2aClientConfig nonBlocking = A2aClientConfig.defaults().withBlocking(false);

        WorkerReply reply = worker(protocol, nonBlocking).call(call("slow: take your time"));

        assertThat(reply)
                .isInstanceOfSatisfying(
                        WorkerReply.Answered.class,
                        a -> assertThat(a.content()).isEqualTo("echo: slow: take your time"));
        List<JsonNode> calls = echo.calls();
        assertThat(calls.size()).isGreaterThan(1);
        JsonNode poll = calls.get(1);
        switch (protocol) {
            case REST_1_0 ->
                assertThat(poll.path("method").asText() + " "
                                + poll.path("path").asText())
                        .startsWith("GET /a2a/rest/tasks/");
            default ->
                assertThat(withoutMessageId(poll.path("body").asText())
                                .path("method")
                                .asText())
                        .isEqualTo(protocol.isV1() ? "GetTask" : "tasks/get");
        }
        JsonNode send = withoutMessageId(calls.getFirst().path("body").asText());
        JsonNode configuration = protocol.isRest()
                ? send.path("configuration")
                : send.path("params").path("configuration");
        assertThat(configuration.toString())
                .isEqualTo(protocol.isV1() ? "{\"returnImmediately\":true}" : "{\"blocking\":false}");
    }

    @ParameterizedTest
    @EnumSource(
            value = A2aProtocol.class,
            names = {"JSONRPC_1_0", "REST_1_0"})
    void theSdkReadsMonoscalesRequestAsAUserMessageAtVersion1(A2aProtocol protocol) {
        WorkerReply reply = worker(protocol).call(call("inspect: me"));

        assertThat(reply).isInstanceOf(WorkerReply.Answered.class);
        String content = ((WorkerReply.Answered) reply).content();
        assertThat(content)
                .contains("\"role\":\"ROLE_USER\"")
                .contains("\"a2aVersion\":\"1.0\"")
                .doesNotContain("UNRECOGNIZED");
    }

    @Test
    void theOutputsOfEarlierStepsTravelInTheMessage() {
        WorkerCall call = new WorkerCall(
                TaskId.of("t-2"),
                1,
                "summarise",
                List.of(new dev.monoscale.core.StepOutput(
                        0, dev.monoscale.core.AgentId.of("reader"), "the text", "text/plain")),
                0);

        WorkerReply reply = worker(A2aProtocol.JSONRPC_1_0).call(call);

        assertThat(reply)
                .isInstanceOfSatisfying(
                        WorkerReply.Answered.class,
                        a -> assertThat(a.content()).isEqualTo("echo: summarise\n\n[output of step 1]\nthe text"));
    }

    @Test
    void anAgentThatNeverAnswersTimesOutAtTheDeadline() {
        try (NodePeer hang = NodePeer.start("echo-agent.mjs", Map.of("BEHAVIOUR", "hang", "AGENT_NAME", "Sleepy"))) {
            A2aAgent agent = new A2aDiscovery(A2aClientConfig.defaults()).discover(hang.url());
            A2aClientConfig config =
                    A2aClientConfig.defaults().withTimeouts(Duration.ofMillis(800), Duration.ofSeconds(60));
            A2aWorker worker = A2aWorkers.connect(agent, config);

            WorkerReply reply = worker.call(call("hello"));

            assertThat(reply).isInstanceOfSatisfying(WorkerReply.Failed.class, f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(f.message()).contains("within 800 ms");
            });
            assertThat(hang.calls())
                    .as("the agent got the message and never answered")
                    .hasSize(1);
        }
    }

    @Test
    void aBearerTokenComesFromTheConfiguredEnvironmentVariable() {
        try (NodePeer guarded =
                NodePeer.start("echo-agent.mjs", Map.of("REQUIRE_TOKEN", "s3cret", "AGENT_NAME", "Guarded"))) {
            A2aAgent agent = new A2aDiscovery(A2aClientConfig.defaults()).discover(guarded.url());
            assertThat(agent.security().kind()).isEqualTo(A2aSecurity.Kind.BEARER);

            WorkerReply withToken = A2aWorkers.connect(
                            agent,
                            A2aClientConfig.defaults()
                                    .withToken("GUARDED_TOKEN", Map.of("GUARDED_TOKEN", "s3cret")::get))
                    .call(call("hello"));
            WorkerReply unset = A2aWorkers.connect(
                            agent, A2aClientConfig.defaults().withToken("GUARDED_TOKEN", name -> null))
                    .call(call("hello"));
            WorkerReply wrong = A2aWorkers.connect(
                            agent,
                            A2aClientConfig.defaults()
                                    .withToken("GUARDED_TOKEN", Map.of("GUARDED_TOKEN", "guess")::get))
                    .call(call("hello"));

            assertThat(withToken)
                    .isInstanceOfSatisfying(
                            WorkerReply.Answered.class,
                            a -> assertThat(a.content()).isEqualTo("echo: hello"));
            assertThat(unset).isInstanceOfSatisfying(WorkerReply.Failed.class, f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
                assertThat(f.message()).contains("GUARDED_TOKEN is not set");
            });
            assertThat(wrong).isInstanceOfSatisfying(WorkerReply.Failed.class, f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
                assertThat(f.message()).contains("HTTP 401");
            });
            assertThat(guarded.calls())
                    .extracting(r -> r.path("headers").path("authorization").asText())
                    .containsExactly("Bearer s3cret", "Bearer guess");
        }
    }

    @Test
    void anAgentThatWentAwayIsUnavailableAndItsUrlIsNamedWhenDiscovering() {
        String url;
        try (NodePeer gone = NodePeer.start("echo-agent.mjs", Map.of("AGENT_NAME", "Gone"))) {
            url = gone.url();
        }
        A2aAgent before = new A2aDiscovery(A2aClientConfig.defaults()).discover(echo.url());
        A2aAgent moved = new A2aAgent(
                new dev.monoscale.core.AgentCard(
                        before.card().id(),
                        "Gone",
                        "",
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new dev.monoscale.core.Endpoint(
                                java.net.URI.create(url + "/a2a/jsonrpc"), "JSONRPC", "1.0")),
                        ""),
                url,
                A2aSecurity.NONE,
                false);

        WorkerReply reply =
                A2aWorkers.connect(moved, A2aClientConfig.defaults()).call(call("hello"));
        InvalidInputException error = catchThrowableOfType(
                InvalidInputException.class, () -> new A2aDiscovery(A2aClientConfig.defaults()).discover(url));

        assertThat(reply)
                .isInstanceOfSatisfying(
                        WorkerReply.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.UNAVAILABLE));
        assertThat(error.getMessage())
                .startsWith(url + ": (connection) = unreachable (ConnectException")
                .contains("allowed: a reachable A2A agent");
    }

    private static JsonNode withoutMessageId(String json) {
        try {
            JsonNode node = A2aWire.MAPPER.readTree(json);
            JsonNode message = node.has("params") ? node.path("params").path("message") : node.path("message");
            if (message instanceof ObjectNode object) {
                assertThat(object.path("messageId").asText()).matches("[0-9a-f-]{36}");
                object.remove("messageId");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
