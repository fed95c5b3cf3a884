package dev.monoscale.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.llm.client.EndpointSettings;
import dev.monoscale.llm.client.OpenAiCompatibleClient;
import dev.monoscale.llm.client.ToolDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model that calls tools before it answers, over real HTTP to a stubbed OpenAI-compatible server: the tools go out
 * as {@code tools}, the model's {@code tool_calls} are made, and their results go back as {@code tool} messages.
 */
class ToolUsingLlmWorkerTest {

    private static final String PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;

    private final List<String> called = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static String callsSum(String id) {
        return """
                {"id":"c1","model":"m","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
                  "tool_calls":[{"id":"%s","type":"function","function":{"name":"get-sum","arguments":"{\\"a\\": 2, \\"b\\": 40}"}}]}}]}""".formatted(id);
    }

    private static String answers(String text) {
        return """
                {"id":"c2","model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"%s"}}]}""".formatted(text);
    }

    private ToolBox adder(boolean fail) {
        return new ToolBox() {
            @Override
            public List<ToolDefinition> tools() {
                try {
                    return List.of(
                            new ToolDefinition(
                                    "get-sum",
                                    "Adds two numbers",
                                    JSON.readTree(
                                            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}}}")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public Result call(String name, String arguments) {
                called.add(name + " " + arguments);
                return fail
                        ? new Result("the dictionary failed to load", true)
                        : new Result("The sum of 2 and 40 is 42.", false);
            }
        };
    }

    private ToolUsingLlmWorker worker(ToolBox tools, int maxTurns) {
        EndpointSettings settings = EndpointSettings.of(URI.create(server.baseUrl() + "/v1"));
        var client = new OpenAiCompatibleClient(
                settings,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                OpenAiCompatibleClient.breaker(settings),
                d -> {},
                () -> 0.5,
                InstantSource.system());
        return ToolUsingLlmWorker.of(AgentId.of("adder"), client, "m", "Use the tools.", tools, maxTurns);
    }

    private static WorkerCall step(String text) {
        return new WorkerCall(TaskId.of("t"), 0, text, List.of(), 0);
    }

    private static List<JsonNode> sentBodies() throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (var event : server.getAllServeEvents().reversed()) {
            bodies.add(JSON.readTree(event.getRequest().getBodyAsString()));
        }
        return bodies;
    }

    @Test
    void theModelsToolCallIsMadeAndItsResultGoesBackBeforeTheAnswer() throws Exception {
        server.stubFor(post(PATH)
                .inScenario("turns")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson(callsSum("call_1")))
                .willSetStateTo("called"));
        server.stubFor(post(PATH)
                .inScenario("turns")
                .whenScenarioStateIs("called")
                .willReturn(okJson(answers("2 + 40 = 42"))));

        WorkerReply reply = worker(adder(false), 3).call(step("What is 2 + 40?"));

        assertThat(reply)
                .asInstanceOf(type(WorkerReply.Answered.class))
                .extracting(WorkerReply.Answered::content)
                .isEqualTo("2 + 40 = 42");
        assertThat(called).containsExactly("get-sum {\"a\": 2, \"b\": 40}");
        List<JsonNode> bodies = sentBodies();
        assertThat(bodies).hasSize(2);
        JsonNode first = bodies.getFirst();
        assertThat(first.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(first.at("/tools/0/function/name").asText()).isEqualTo("get-sum");
        assertThat(first.at("/tools/0/function/parameters/properties/a/type").asText())
                .isEqualTo("number");
        assertThat(first.path("tool_choice").asText()).isEqualTo("auto");
        JsonNode messages = bodies.get(1).path("messages");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(2).path("content").isNull()).isTrue();
        assertThat(messages.get(2).at("/tool_calls/0/function/arguments").asText())
                .isEqualTo("{\"a\": 2, \"b\": 40}");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("The sum of 2 and 40 is 42.");
    }

    @Test
    void aToolErrorGoesBackToTheModelMarkedAsAnError() throws Exception {
        server.stubFor(post(PATH)
                .inScenario("turns")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson(callsSum("call_1")))
                .willSetStateTo("called"));
        server.stubFor(post(PATH)
                .inScenario("turns")
                .whenScenarioStateIs("called")
                .willReturn(okJson(answers("I could not add them."))));

        worker(adder(true), 3).call(step("What is 2 + 40?"));

        assertThat(sentBodies().get(1).at("/messages/3/content").asText())
                .isEqualTo("error: the dictionary failed to load");
    }

    @Test
    void aModelThatKeepsCallingToolsIsStoppedAfterItsTurnsAndFails() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson(callsSum("call_n"))));

        WorkerReply reply = worker(adder(false), 2).call(step("What is 2 + 40?"));

        assertThat(reply).asInstanceOf(type(WorkerReply.Failed.class)).satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.ERROR);
            assertThat(f.message()).contains("still asked for tools (get-sum) after 2 turns");
        });
        assertThat(called).hasSize(2);
        List<JsonNode> bodies = sentBodies();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.getLast().path("tool_choice").asText())
                .as("the last turn asks for an answer")
                .isEqualTo("none");
    }
}
