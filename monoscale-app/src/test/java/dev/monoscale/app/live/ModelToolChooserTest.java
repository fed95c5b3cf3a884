package dev.monoscale.app.live;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.llm.client.EndpointSettings;
import dev.monoscale.llm.client.OpenAiCompatibleClient;
import dev.monoscale.mcp.FlakyTranslatorServer;
import dev.monoscale.mcp.McpConnection;
import dev.monoscale.mcp.McpServerSpec;
import dev.monoscale.mcp.McpSettings;
import dev.monoscale.mcp.ToolChooser;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With a router model, the model turns a step into a call of one of an MCP server's tools. */
class ModelToolChooserTest {

    private static WireMockServer model;
    private static McpConnection server;

    @BeforeAll
    static void start() {
        model = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        model.start();
        server = McpConnection.open(
                new McpServerSpec.Stdio(FlakyTranslatorServer.command(), Map.of()), McpSettings.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
        model.stop();
    }

    private static ModelToolChooser chooser() {
        return new ModelToolChooser(
                OpenAiCompatibleClient.create(EndpointSettings.of(URI.create(model.baseUrl() + "/v1"))),
                "router",
                server,
                1);
    }

    private static WorkerCall step(String text) {
        return new WorkerCall(TaskId.of("t"), 0, text, List.of(), 0);
    }

    @Test
    void theModelsCallOfATheServersToolIsTheStepsCall() throws Exception {
        model.resetAll();
        model.stubFor(post("/v1/chat/completions").willReturn(okJson("""
                {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[
                  {"id":"c","type":"function","function":{"name":"translate","arguments":"{\\"text\\": \\"Bonjour into English\\"}"}}]}}]}""")));

        ToolChooser.Choice choice = chooser().choose(server.tools(), step("What does 'Bonjour' mean in English?"));

        assertThat(choice).isEqualTo(new ToolChooser.Call("translate", Map.of("text", "Bonjour into English")));
        JsonNode sent = new ObjectMapper()
                .readTree(model.getAllServeEvents().getFirst().getRequest().getBodyAsString());
        assertThat(sent.path("tool_choice").asText()).isEqualTo("required");
        assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("translate");
        assertThat(sent.at("/tools/0/function/parameters/properties/text/type").asText())
                .isEqualTo("string");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("Step: What does 'Bonjour' mean in English?");
    }

    @Test
    void aModelThatCallsNoToolLeavesTheStepRefused() {
        model.resetAll();
        model.stubFor(post("/v1/chat/completions").willReturn(okJson("""
                {"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"I would rather not."}}]}""")));

        ToolChooser.Choice choice = chooser().choose(server.tools(), step("Translate this into French"));

        assertThat(choice)
                .isInstanceOfSatisfying(
                        ToolChooser.None.class, none -> assertThat(none.kind()).isEqualTo(FailureKind.REJECTED));
    }
}
