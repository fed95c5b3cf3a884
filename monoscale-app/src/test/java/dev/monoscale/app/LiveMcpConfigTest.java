package dev.monoscale.app;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.monoscale.a2a.A2aBackend;
import dev.monoscale.a2a.A2aServer;
import dev.monoscale.core.Skill;
import dev.monoscale.mcp.FlakyTranslatorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP servers in a live config: a stdio server (a small server on the MCP SDK, in a child JVM, whose one tool fails
 * for German) is a worker whose card comes from its tools, routes and answers through the CLI, is onboarded like any
 * other worker, and gives its tools to a model worker. Its process is gone when the command ends.
 */
class LiveMcpConfigTest {

    @TempDir
    Path dir;

    /** The server's command as a YAML flow list. */
    private static String command() {
        return FlakyTranslatorServer.command().stream()
                .map(part -> "'" + part.replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static Set<Long> children() {
        return ProcessHandle.current()
                .children()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private Path config(String text) throws Exception {
        Path file = dir.resolve("monoscale.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void route_with_an_mcp_worker_prints_the_plan_the_tools_answer_and_the_explanation_and_stops_the_server()
            throws Exception {
        Path config = config("""
                workers:
                  - endpoint: {type: mcp, command: %s, timeoutSeconds: 20}
                """.formatted(command()));
        Set<Long> before = children();

        Cli route = Cli.run("route", "Translate the menu into Spanish", "--config", config.toString());

        assertThat(route.exit()).as(route.err()).isZero();
        assertThat(route.out())
                .contains(
                        "embedded router (no model configured)",
                        "step 1: Translate the menu into Spanish",
                        "-> fast-translator (p = ",
                        "answer:\n[translated] Translate the menu into Spanish");
        assertThat(children())
                .as("the server's process is stopped when the command ends")
                .isSubsetOf(before);
    }

    @Test
    void a_tool_that_fails_is_a_failed_step_with_its_kind_never_a_crash() throws Exception {
        Path config = config("""
                workers:
                  - endpoint: {type: mcp, command: %s}
                """.formatted(command()));

        Cli route = Cli.run("route", "Translate this letter into German", "--config", config.toString());

        assertThat(route.exit()).isEqualTo(1);
        assertThat(route.out())
                .contains(
                        "step 1 failed at fast-translator (error): tool 'translate' of MCP server",
                        "reported an error: German is not available");
    }

    @Test
    void onboarding_an_mcp_server_leaves_a_memory_that_routes_the_steps_its_tool_fails_to_the_incumbent()
            throws Exception {
        try (A2aServer translator = A2aServer.start(
                A2aBackend.of(
                        "Translator",
                        "Translates letters and documents between languages",
                        List.of(new Skill(
                                "translate",
                                "Translate letters",
                                "Translate a letter or a document into another language",
                                List.of("translation", "letters"),
                                List.of("Translate this letter into German", "Translate 'good morning' into French"))),
                        text -> A2aBackend.Result.answered("Übersetzt: " + text)),
                "127.0.0.1",
                0,
                Duration.ofSeconds(5),
                InstantSource.system())) {
            Path config = config("""
                    workers:
                      - endpoint: {type: a2a, url: %s}
                      - endpoint: {type: mcp, command: %s}
                    """.formatted(translator.url(), command()));
            String db = dir.resolve("memory.db").toString();
            Cli before = Cli.run("route", "Translate this contract into German", "--config", config.toString());

            Cli onboard = Cli.run(
                    "onboard",
                    "--config",
                    config.toString(),
                    "--card",
                    "fast-translator",
                    "--db",
                    db,
                    "--warmup-tasks",
                    "8");
            Cli after =
                    Cli.run("route", "Translate this contract into German", "--config", config.toString(), "--db", db);

            assertThat(before.out())
                    .as("with every worker trusted and no memory, the card gives the MCP server the work")
                    .contains("-> fast-translator (p = ");
            assertThat(onboard.exit()).as(onboard.err()).isZero();
            assertThat(onboard.out()).contains("new worker fast-translator");
            assertThat(after.exit()).as(after.err()).isZero();
            assertThat(after.out())
                    .contains("-> translator (p = ", "answer:\nÜbersetzt: Translate this contract into German");
        }
    }

    @Test
    void card_show_prints_the_card_made_from_the_servers_tools_with_its_name_and_version() throws Exception {
        Cli show = Cli.run("card", "show", "mcp:" + String.join(" ", FlakyTranslatorServer.command()));

        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out())
                .contains(
                        "server:      fast-translator 1.4.2 (MCP protocol ",
                        "id:          fast-translator",
                        "version:     1.4.2",
                        "(MCP-STDIO, protocol ",
                        "skills:      1",
                        "  - translate [translate]: Translates text, letters, menus and documents into French, German or Spanish Arguments: text: string, required",
                        "    e.g. Translate this letter into German");

        Path config = config("""
                workers:
                  - endpoint: {type: mcp, command: %s, id: tools-translator}
                """.formatted(command()));
        Cli entry = Cli.run("card", "show", "tools-translator", "--config", config.toString());

        assertThat(entry.exit()).as(entry.err()).isZero();
        assertThat(entry.out())
                .contains("id:          tools-translator", "version:     1.4.2", "  - translate [translate]");
    }

    @Test
    void a_model_worker_calls_the_tools_of_the_mcp_servers_its_entry_names() throws Exception {
        WireMockServer model = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        model.start();
        try {
            model.stubFor(post("/v1/chat/completions")
                    .inScenario("turns")
                    .whenScenarioStateIs(STARTED)
                    .willReturn(okJson("""
                    {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[
                      {"id":"call_1","type":"function","function":{"name":"translate","arguments":"{\\"text\\": \\"Translate 'hello' into French\\"}"}}]}}]}
                    """))
                    .willSetStateTo("called"));
            model.stubFor(post("/v1/chat/completions")
                    .inScenario("turns")
                    .whenScenarioStateIs("called")
                    .willReturn(okJson("""
                    {"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Bonjour."}}]}""")));
            Path config = config("""
                    workers:
                      - card: {name: Polyglot, description: Answers questions about languages, skills: [{name: Translate, description: Translate words}]}
                        endpoint: {type: openai, baseUrl: %s/v1, model: local}
                        tools: [{type: mcp, command: %s}]
                        maxToolTurns: 2
                    """.formatted(model.baseUrl(), command()));

            Cli route = Cli.run("route", "Translate 'hello' into French", "--config", config.toString());

            assertThat(route.exit()).as(route.err()).isZero();
            assertThat(route.out()).contains("answer:\nBonjour.");
            JsonNode second = new ObjectMapper()
                    .readTree(model.getAllServeEvents().getFirst().getRequest().getBodyAsString());
            assertThat(second.at("/messages/2/role").asText()).isEqualTo("tool");
            assertThat(second.at("/messages/2/content").asText())
                    .isEqualTo("[translated] Translate 'hello' into French");
        } finally {
            model.stop();
        }
    }

    @Test
    void a_bad_mcp_entry_is_one_line_naming_the_field_the_value_and_what_is_allowed() throws Exception {
        Path missing = config("""
                workers:
                  - endpoint: {type: mcp, command: [/nonexistent/mcp-server, --stdio]}
                """);
        Cli notThere = Cli.run("route", "anything", "--config", missing.toString());
        assertThat(notThere.exit()).isEqualTo(2);
        assertThat(notThere.err().strip())
                .doesNotContain("\n")
                .contains(
                        "workers[0].endpoint.command = '/nonexistent/mcp-server --stdio'", "is not an executable file");

        Path both = config("""
                workers:
                  - endpoint: {type: mcp, command: [node], url: 'http://127.0.0.1:1/mcp'}
                """);
        Cli twice = Cli.run("route", "anything", "--config", both.toString());
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err().strip())
                .contains("workers[0].endpoint = (both command and url); allowed: one of command:");

        Path token = config("""
                workers:
                  - endpoint: {type: mcp, url: 'http://127.0.0.1:1/mcp', token: s3cret}
                """);
        Cli secret = Cli.run("route", "anything", "--config", token.toString());
        assertThat(secret.exit()).isEqualTo(2);
        assertThat(secret.err())
                .contains("workers[0].endpoint.token = (a token in the file)")
                .doesNotContain("s3cret");

        Path refused = config("""
                workers:
                  - endpoint: {type: mcp, url: 'http://127.0.0.1:9/mcp'}
                """);
        Cli nobody = Cli.run("route", "anything", "--config", refused.toString());
        assertThat(nobody.exit()).isEqualTo(2);
        assertThat(nobody.err().strip())
                .doesNotContain("\n")
                .contains("workers[0].endpoint.url = 'http://127.0.0.1:9/mcp'", "cannot be reached");
    }
}
