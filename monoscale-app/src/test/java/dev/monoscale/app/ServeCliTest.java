package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.a2a.A2aBackend;
import dev.monoscale.a2a.A2aServer;
import dev.monoscale.core.Skill;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --config}: the workers of a live config, published and routed as one A2A agent. */
class ServeCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVING =
            Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)/\\.well-known/agent-card\\.json");

    @TempDir
    Path dir;

    @Test
    void serves_a_live_config_as_one_a2a_agent_that_routes_each_message_to_a_worker() throws Exception {
        try (A2aServer translator = A2aServer.start(
                        agent("Translator", "translate", "Translate letters into German", "Übersetzt: "),
                        "127.0.0.1",
                        0,
                        Duration.ofSeconds(60),
                        InstantSource.system());
                A2aServer summariser = A2aServer.start(
                        agent("Summariser", "summarise", "Summarise reports in three bullet points", "Summary: "),
                        "127.0.0.1",
                        0,
                        Duration.ofSeconds(60),
                        InstantSource.system())) {
            Path config = dir.resolve("monoscale.yaml");
            Files.writeString(config, """
                    workers:
                      - endpoint: {type: a2a, url: %s}
                      - endpoint: {type: a2a, url: %s}
                    """.formatted(translator.url(), summariser.url()));
            Output out = new Output();
            StringWriter err = new StringWriter();
            Thread serving = Thread.ofPlatform()
                    .daemon()
                    .start(() -> Main.run(
                            new String[] {"serve", "--config", config.toString(), "--port", "0", "--name", "Office"},
                            new PrintWriter(out, true),
                            new PrintWriter(err, true)));
            try {
                String base = out.url.get(2, TimeUnit.MINUTES); // generous: the first start loads many classes
                HttpClient http = HttpClient.newHttpClient();

                JsonNode card = JSON.readTree(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/.well-known/agent-card.json"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                JsonNode answer = JSON.readTree(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/a2a/jsonrpc"))
                                        .header("Content-Type", "application/json")
                                        .header("A2A-Version", "1.0")
                                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"jsonrpc": "2.0", "id": 1, "method": "SendMessage", "params": {"message": {"messageId": "m1", "role": "ROLE_USER",
                                 "parts": [{"text": "Summarise this quarterly report: sales rose"}]}, "configuration": {"returnImmediately": false}}}"""))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());

                assertThat(card.path("name").asText()).isEqualTo("Office");
                assertThat(card.path("skills").findValuesAsText("id"))
                        .contains("translator/translate", "summariser/summarise");
                JsonNode task = answer.path("result").path("task");
                assertThat(task.path("status").path("state").asText())
                        .as(answer.toString())
                        .isEqualTo("TASK_STATE_COMPLETED");
                assertThat(task.path("artifacts")
                                .get(0)
                                .path("parts")
                                .get(0)
                                .path("text")
                                .asText())
                        .isEqualTo("Summary: Summarise this quarterly report: sales rose");
            } finally {
                serving.interrupt();
                serving.join(Duration.ofMinutes(1));
            }
            assertThat(serving.isAlive()).as("serve stops when interrupted").isFalse();
        }
    }

    @Test
    void serving_agents_named_with_agent_creates_the_memory_named_with_db_as_docs_a2a_shows() throws Exception {
        Path card = dir.resolve("echo.json");
        Files.writeString(card, """
                {"name": "Echo", "description": "Echoes a message", "url": "http://127.0.0.1:1",
                 "skills": [{"id": "echo", "name": "Echo", "description": "Echoes a message"}]}""");
        Path db = dir.resolve("memory.db");
        Output out = new Output();
        StringWriter err = new StringWriter();
        Thread serving = Thread.ofPlatform()
                .daemon()
                .start(() -> Main.run(
                        new String[] {"serve", "--agent", card.toString(), "--db", db.toString(), "--port", "0"},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true)));
        try {
            out.url.get(2, TimeUnit.MINUTES);

            Cli log = Cli.run("memory", "log", "--db", db.toString());

            assertThat(log.exit()).as(log.err()).isZero();
            assertThat(log.out()).startsWith("v0 ").contains("the empty initial memory");
            assertThat(out.text()).contains("memory " + db + ": v0, the empty memory over [echo]");
        } finally {
            serving.interrupt();
            serving.join(Duration.ofMinutes(1));
        }
    }

    private static A2aBackend agent(String name, String skill, String description, String prefix) {
        return A2aBackend.of(
                name,
                description,
                List.of(new Skill(skill, description, description, List.of(skill), List.of(description))),
                text -> A2aBackend.Result.answered(prefix + text));
    }

    /** The command's standard output, watched for the line that says where it serves. */
    @Test
    void refuses_an_address_beyond_loopback_without_a_token_in_one_line() {
        Cli cli = Cli.run("serve", "--host", "0.0.0.0", "--port", "0");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err().strip())
                .isEqualTo(
                        "monoscale: --host: host = '0.0.0.0'; allowed: a loopback address (127.0.0.1, ::1, localhost), "
                                + "or any address with a token (--auth-token-env)");
    }

    @Test
    void a_token_variable_that_is_not_set_is_one_line_naming_it() {
        Cli cli = Cli.run("serve", "--auth-token-env", "MONOSCALE_TEST_UNSET_TOKEN_VARIABLE", "--port", "0");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err().strip())
                .isEqualTo("monoscale: --auth-token-env: environment variable MONOSCALE_TEST_UNSET_TOKEN_VARIABLE = "
                        + "(unset or blank); allowed: the name of a variable that holds the token");
    }

    private static final class Output extends Writer {
        final CompletableFuture<String> url = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            text.append(buffer, offset, length);
            Matcher matcher = SERVING.matcher(text);
            if (matcher.find()) {
                url.complete(matcher.group(1));
            }
        }

        synchronized String text() {
            return text.toString();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
