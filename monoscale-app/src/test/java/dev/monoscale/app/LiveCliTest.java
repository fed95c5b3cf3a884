package dev.monoscale.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCliTest {

    @TempDir
    Path dir;

    Path config(String baseUrl, String workerEndpoint) throws Exception {
        Path file = dir.resolve("monoscale.yaml");
        Files.writeString(file, """
                router:
                  endpoint: {type: openai, baseUrl: %s, model: router-model, dialect: openai, retries: 0}
                workers:
                  - card: {name: Ledger, description: Keeps the books, skills: [{name: reconcile invoices, description: reconcile invoices against the ledger}]}
                    endpoint: %s
                    systemPrompt: You keep the books.
                  - card: {name: Writer, description: Writes letters, skills: [{name: letters, description: write letters to customers}]}
                    endpoint: %s
                """.formatted(baseUrl, workerEndpoint, workerEndpoint));
        return file;
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void routeAgainstAnUnreachableEndpointPrintsOneLineNamingItAndExitsNonZero() throws Exception {
        String url = "http://127.0.0.1:" + freePort() + "/v1";
        Path file = config(url, "{type: openai, baseUrl: " + url + ", model: w, retries: 0}");

        Cli cli = Cli.run("route", "reconcile invoice 42", "--config", file.toString());

        assertThat(cli.exit()).isNotZero();
        assertThat(cli.err().strip())
                .doesNotContain("\n")
                .startsWith("monoscale: model endpoint " + url + ": unreachable (connection refused")
                .endsWith("; check that the server is running and baseUrl is right");
    }

    @Test
    void anUnknownEndpointTypeNamesTheFileFieldAndWhatIsAllowed() throws Exception {
        Path file = config("http://127.0.0.1:1/v1", "{type: grpc, url: x}");

        Cli cli = Cli.run("route", "x", "--config", file.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err().strip())
                .isEqualTo("monoscale: " + file + ": workers[0].endpoint.type = 'grpc'; allowed: a2a, mcp, openai");
    }

    @Test
    void anInlineCardWhoseSkillsAreNotAListOrWhoseNamesMakeNoIdNamesTheField() throws Exception {
        String endpoint = "{type: openai, baseUrl: http://127.0.0.1:1/v1, model: w}";
        for (String[] card : new String[][] {
            {
                "{name: Ledger, skills: {name: reconcile}}",
                "workers[0].card.skills = {\"name\":\"reconcile\"}; allowed: a list of skills {name, description, tags, examples}"
            },
            {
                "{name: Ledger, skills: reconcile}",
                "workers[0].card.skills = 'reconcile'; allowed: a list of skills {name, description, tags, examples}"
            },
            {
                "{name: Ledger, skills: [{name: '!!!'}]}",
                "workers[0].card.skills[0].name = '!!!'; allowed: a name with letters or digits"
            },
            {
                "{name: '???'}",
                "workers[0].card.name = '???'; allowed: a name with letters or digits, or an 'id' such as ledger-agent"
            }
        }) {
            Path file = dir.resolve("cards.yaml");
            Files.writeString(file, "workers:\n  - card: " + card[0] + "\n    endpoint: " + endpoint + "\n");

            Cli cli = Cli.run("route", "x", "--config", file.toString());

            assertThat(cli.exit()).as(card[0]).isEqualTo(2);
            assertThat(cli.err().strip()).as(card[0]).isEqualTo("monoscale: " + file + ": " + card[1]);
        }
    }

    @Test
    void aKeyInTheFileIsRefused() throws Exception {
        Path file = config(
                "http://127.0.0.1:1/v1", "{type: openai, baseUrl: http://127.0.0.1:1/v1, model: w, apiKey: sk-123}");

        Cli cli = Cli.run("route", "x", "--config", file.toString());

        assertThat(cli.err().strip())
                .isEqualTo("monoscale: " + file
                        + ": workers[0].endpoint.apiKey = (a key in the file); allowed: no key in the file:"
                        + " put it in an environment variable and name that variable in apiKeyEnv");
        assertThat(cli.err()).doesNotContain("sk-123");
    }

    @Test
    void credentialsInABaseUrlAreRefusedWithoutBeingPrinted() throws Exception {
        Path file = config(
                "http://127.0.0.1:1/v1", "{type: openai, baseUrl: 'http://me:sk-secret@127.0.0.1:1/v1', model: w}");

        Cli cli = Cli.run("route", "x", "--config", file.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err().strip())
                .isEqualTo(
                        "monoscale: " + file
                                + ": workers[0].endpoint.baseUrl = (credentials in the URL); allowed: a URL"
                                + " without user:password@; put the key in an environment variable and name that variable in apiKeyEnv");
        assertThat(cli.out() + cli.err()).doesNotContain("sk-secret");

        Path a2a = dir.resolve("a2a.yaml");
        Files.writeString(a2a, "workers:\n  - endpoint: {type: a2a, url: 'http://me:tok-secret@127.0.0.1:1'}\n");
        Cli agent = Cli.run("route", "x", "--config", a2a.toString());
        assertThat(agent.err().strip())
                .isEqualTo(
                        "monoscale: " + a2a + ": workers[0].endpoint.url = (credentials in the URL); allowed: a URL"
                                + " without user:password@; put the key in an environment variable and name that variable in tokenEnv");
        assertThat(agent.out() + agent.err()).doesNotContain("tok-secret");
    }

    @Test
    void aKeyVariableThatIsNotSetIsNamed() throws Exception {
        Path file = config(
                "http://127.0.0.1:1/v1",
                "{type: openai, baseUrl: http://127.0.0.1:1/v1, model: w, apiKeyEnv: MONOSCALE_TEST_UNSET_KEY}");

        Cli cli = Cli.run("route", "x", "--config", file.toString());

        assertThat(cli.err().strip())
                .isEqualTo(
                        "monoscale: " + file
                                + ": workers[0].endpoint.apiKeyEnv = 'MONOSCALE_TEST_UNSET_KEY' (not set in the"
                                + " environment); allowed: the name of an environment variable that holds the key; export it first");
    }

    @Test
    void routePlansRoutesRunsAndExplainsOnAScriptedServer() throws Exception {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        try {
            server.stubFor(
                    post("/v1/chat/completions")
                            .atPriority(9)
                            .willReturn(
                                    okJson(
                                            "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Invoice 42 matches the ledger.\"},\"finish_reason\":\"stop\"}]}")));
            server.stubFor(
                    post("/v1/chat/completions")
                            .atPriority(1)
                            .withRequestBody(matchingJsonPath("$.messages[0].content", containing("split a request")))
                            .willReturn(
                                    okJson(
                                            "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"{\\\"steps\\\":[{\\\"text\\\":\\\"reconcile invoice 42\\\",\\\"inputs\\\":[]}]}\"}}]}")));
            server.stubFor(post("/v1/chat/completions")
                    .atPriority(1)
                    .withRequestBody(matchingJsonPath("$.messages[0].content", containing("route one step")))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody("""
                            {"choices":[{"index":0,"message":{"content":"A"},"logprobs":{"content":[{"token":"A","logprob":-0.1,
                              "top_logprobs":[{"token":"A","logprob":-0.1053605},{"token":"B","logprob":-2.3025851}]}]}}]}""")));
            String url = server.baseUrl() + "/v1";
            Path file = config(url, "{type: openai, baseUrl: " + url + ", model: worker-model}");

            Cli cli = Cli.run("route", "reconcile invoice 42", "--config", file.toString());

            assertThat(cli.exit()).isZero();
            assertThat(cli.out())
                    .contains(
                            "plan (routing/plan@1): 1 step",
                            "step 1: reconcile invoice 42",
                            "-> ledger (p = 0.900) by routing/choose@1, label log-probabilities",
                            "ledger           p = 0.900  label A",
                            "answer:\nInvoice 42 matches the ledger.");
        } finally {
            server.stop();
        }
    }

    @Test
    void theLlmRouterBenchmarkReportsEveryPhase() {
        Cli cli = Cli.run("bench", "llm-router", "--decisions", "100", "--entries", "200");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out())
                .contains(
                        "LLM router, 10 workers (5 validated), 200 memory entries, 100 timed decisions",
                        "retrieval",
                        "prompt rendering",
                        "reading the answer",
                        "router overhead (sum)");
    }
}
