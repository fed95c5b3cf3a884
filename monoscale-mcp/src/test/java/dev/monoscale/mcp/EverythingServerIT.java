package dev.monoscale.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interop with an MCP server this project did not write: the reference {@code server-everything} from npm, over
 * stdio and over Streamable HTTP. Tools are listed into a card, called, and every kind of fault becomes a failure
 * with its kind.
 */
class EverythingServerIT {

    private static final McpSettings QUICK = new McpSettings(Duration.ofSeconds(30), Duration.ofSeconds(20));

    private static McpConnection stdio;
    private static EverythingServer.Http httpServer;
    private static McpConnection http;

    @BeforeAll
    static void connect() {
        stdio = McpConnection.open(new McpServerSpec.Stdio(EverythingServer.stdioCommand(), Map.of()), QUICK);
        httpServer = EverythingServer.http();
        http = McpConnection.open(new McpServerSpec.Http(httpServer.url(), null), QUICK);
    }

    @AfterAll
    static void disconnect() {
        stdio.close();
        http.close();
        httpServer.close();
    }

    private static WorkerCall step(String text) {
        return new WorkerCall(TaskId.of("interop"), 0, text, List.of(), 0);
    }

    @Test
    void theCardOfAStdioServerNamesTheServerItsVersionAndOneSkillPerTool() {
        AgentCard card = McpCards.card(stdio);

        assertThat(stdio.serverName()).isEqualTo("mcp-servers/everything");
        assertThat(card.id().value()).isEqualTo("mcp-servers-everything");
        assertThat(card.version()).isNotBlank().isEqualTo(stdio.serverVersion());
        assertThat(card.skills()).hasSize(stdio.tools().size());
        assertThat(card.skills()).extracting(s -> s.name()).contains("echo", "get-sum");
        assertThat(card.skills())
                .filteredOn(s -> s.name().equals("get-sum"))
                .singleElement()
                .satisfies(s -> assertThat(s.description())
                        .contains("Arguments: a: number, required")
                        .contains("b: number, required"));
        assertThat(card.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.binding()).isEqualTo(McpCards.STDIO);
            assertThat(e.protocolVersion()).isNotBlank();
        });
    }

    @Test
    void aModelFreeWorkerGivesTheStepsTextToTheToolThatTakesOneStringAndAnswersWithItsText() {
        McpWorker worker = McpWorker.modelFree(McpCards.card(stdio).id(), stdio);

        WorkerReply reply = worker.call(step("echo hello monoscale"));

        assertThat(reply)
                .asInstanceOf(type(WorkerReply.Answered.class))
                .extracting(WorkerReply.Answered::content)
                .isEqualTo("Echo: echo hello monoscale");
    }

    @Test
    void aToolCalledWithArgumentsAnswersOverStdioAndOverStreamableHttp() {
        for (McpConnection connection : List.of(stdio, http)) {
            assertThat(connection.call("get-sum", Map.of("a", 2, "b", 40)))
                    .as(connection.spec().describe())
                    .isEqualTo(new ToolOutcome.Answered("The sum of 2 and 40 is 42."));
        }
    }

    @Test
    void theHttpServerListsTheSameToolsAsTheStdioOne() {
        assertThat(http.serverName()).isEqualTo(stdio.serverName());
        assertThat(http.tools())
                .extracting(McpTool::name)
                .containsExactlyElementsOf(
                        stdio.tools().stream().map(McpTool::name).toList());
        assertThat(McpCards.card(http).endpoints()).singleElement().satisfies(e -> {
            assertThat(e.binding()).isEqualTo(McpCards.HTTP);
            assertThat(e.url()).isEqualTo(httpServer.url());
        });
    }

    @Test
    void argumentsTheToolRefusesAndAnUnknownToolAreErrorsTheServerReports() {
        for (McpConnection connection : List.of(stdio, http)) {
            assertThat(connection.call("get-sum", Map.of("a", "x", "b", 1)))
                    .asInstanceOf(type(ToolOutcome.Failed.class))
                    .satisfies(f -> {
                        assertThat(f.kind()).isEqualTo(FailureKind.ERROR);
                        assertThat(f.message()).contains("get-sum").contains("reported an error");
                    });
            assertThat(connection.call("no-such-tool", Map.of()))
                    .asInstanceOf(type(ToolOutcome.Failed.class))
                    .extracting(ToolOutcome.Failed::kind)
                    .isEqualTo(FailureKind.ERROR);
        }
    }

    @Test
    void aToolThatAnswersAfterTheCallTimeoutIsATimeout() {
        try (McpConnection impatient = McpConnection.open(
                new McpServerSpec.Stdio(EverythingServer.stdioCommand(), Map.of()),
                new McpSettings(Duration.ofSeconds(30), Duration.ofSeconds(1)))) {
            ToolOutcome outcome = impatient.call("trigger-long-running-operation", Map.of("duration", 30, "steps", 3));

            assertThat(outcome)
                    .asInstanceOf(type(ToolOutcome.Failed.class))
                    .extracting(ToolOutcome.Failed::kind)
                    .isEqualTo(FailureKind.TIMEOUT);
        }
    }

    @Test
    void aServerThatExitsMidSessionIsUnavailableAndClosingStopsTheProcess() throws Exception {
        McpConnection doomed =
                McpConnection.open(new McpServerSpec.Stdio(EverythingServer.stdioCommand(), Map.of()), QUICK);
        ProcessHandle process = doomed.process().orElseThrow();
        process.destroyForcibly();
        process.onExit().get();

        ToolOutcome outcome = doomed.call("echo", Map.of("message", "anyone?"));
        doomed.close();

        assertThat(outcome).asInstanceOf(type(ToolOutcome.Failed.class)).satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.UNAVAILABLE);
            assertThat(f.message()).contains("has exited");
        });
    }

    @Test
    void closingTheConnectionStopsTheServersProcess() throws Exception {
        McpConnection connection =
                McpConnection.open(new McpServerSpec.Stdio(EverythingServer.stdioCommand(), Map.of()), QUICK);
        ProcessHandle process = connection.process().orElseThrow();
        assertThat(process.isAlive()).isTrue();

        connection.close();

        process.onExit().get();
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void aMissingCommandIsNamedAtOnceInsteadOfWaitingForTheTimeout() {
        assertThatThrownBy(() -> McpConnection.open(
                        new McpServerSpec.Stdio(List.of("/nonexistent/mcp-server"), Map.of()), QUICK))
                .isInstanceOf(McpConnectException.class)
                .hasMessageContaining("'/nonexistent/mcp-server' is not an executable file")
                .satisfies(e -> assertThat(((McpConnectException) e).kind()).isEqualTo(FailureKind.UNAVAILABLE));
    }

    @Test
    void aServerThatDiesOnStartIsReportedAtOnceWithWhatItWroteOnStderr() {
        List<String> broken = List.of(
                EverythingServer.node(),
                EverythingServer.INSTALLED
                        .resolve("no-such-server.js")
                        .toAbsolutePath()
                        .toString());

        McpSettings patient = new McpSettings(Duration.ofSeconds(30), Duration.ofSeconds(30));

        assertThatThrownBy(() -> McpConnection.open(new McpServerSpec.Stdio(broken, Map.of()), patient))
                .isInstanceOf(McpConnectException.class)
                .hasMessageContaining("exited before it answered")
                .hasMessageContaining("its stderr:")
                .hasMessageContaining("Cannot find module")
                .satisfies(e -> assertThat(((McpConnectException) e).kind()).isEqualTo(FailureKind.UNAVAILABLE));
    }

    @Test
    void anHttpServerThatIsNotListeningOrAWrongEndpointIsUnavailable() {
        assertThatThrownBy(() ->
                        McpConnection.open(new McpServerSpec.Http(URI.create("http://127.0.0.1:9/mcp"), null), QUICK))
                .isInstanceOf(McpConnectException.class)
                .satisfies(e -> assertThat(((McpConnectException) e).kind()).isEqualTo(FailureKind.UNAVAILABLE));
        URI wrong = URI.create(httpServer.url().toString().replace("/mcp", "/nope"));
        assertThatThrownBy(() -> McpConnection.open(new McpServerSpec.Http(wrong, null), QUICK))
                .isInstanceOf(McpConnectException.class)
                .satisfies(e -> assertThat(((McpConnectException) e).kind()).isEqualTo(FailureKind.UNAVAILABLE));
    }
}
