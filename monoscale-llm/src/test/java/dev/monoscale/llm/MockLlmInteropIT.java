package dev.monoscale.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.monoscale.llm.client.ChatMessage;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.llm.client.EndpointSettings;
import dev.monoscale.llm.client.ModelException;
import dev.monoscale.llm.client.OpenAiCompatibleClient;
import dev.monoscale.llm.client.RetryPolicy;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against an OpenAI-compatible server the project did not write: {@code @dwmkerr/mock-llm} from npm,
 * installed with {@code npm ci} from the committed {@code src/test/mock-llm/package-lock.json} and started on a
 * free port with the rules in {@code mock-llm.yaml}. Node and npm are required: without them this test fails.
 */
class MockLlmInteropIT {

    static final Path SOURCE = Path.of("src/test/mock-llm");
    static final Path WORK = Path.of("target/mock-llm");
    static Process server;
    static OpenAiCompatibleClient client;

    @BeforeAll
    static void startMockLlm() throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "mock-llm.yaml")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(WORK.resolve("node_modules/@dwmkerr/mock-llm/dist/main.js"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Duration.ofMinutes(4));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(
                        "node", "node_modules/@dwmkerr/mock-llm/dist/main.js", "--config", "mock-llm.yaml")
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("server.log").toFile());
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", Integer.toString(port));
        server = start(builder);
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        long deadline =
                System.nanoTime() + TimeUnit.MINUTES.toNanos(2); // generous: Node starts slowly on a busy machine
        while (true) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(base + "/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("mock-llm did not come up on " + base + " within two minutes; see "
                        + WORK.resolve("server.log").toAbsolutePath());
            }
            Thread.sleep(100);
        }
        client = OpenAiCompatibleClient.create(
                EndpointSettings.of(URI.create(base + "/v1")).withRetry(RetryPolicy.none()));
    }

    @AfterAll
    static void stopMockLlm() {
        if (server != null) {
            server.destroy();
        }
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot run '%s': Node.js and npm are needed for this interop test (%s)"
                            .formatted(builder.command().getFirst(), e.getMessage()),
                    e);
        }
    }

    private static void run(List<String> command, Duration limit) throws Exception {
        Process process = start(new ProcessBuilder(command)
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("npm.log").toFile()));
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("%s failed; see %s"
                    .formatted(
                            String.join(" ", command), WORK.resolve("npm.log").toAbsolutePath()));
        }
    }

    static ChatRequest ask(String text) {
        return ChatRequest.of("mock-model", List.of(ChatMessage.user(text)));
    }

    @Test
    void echoesAPlainChat() {
        assertThat(client.complete(ask("hello from java")).text()).isEqualTo("hello from java");
    }

    @Test
    void theRoutersDistributionComesFromItsLogprobs() {
        LabelEstimator estimator = new LabelEstimator(client, ServerDialect.OPENAI, LabelEstimator.Settings.defaults());

        LabelEstimator.Estimate estimate =
                estimator.estimate(ask("which worker: A, B or C?"), List.of("A", "B", "C"), 1);

        assertThat(estimate.method()).isEqualTo(LabelEstimator.Method.LOGPROBS);
        assertThat(estimate.probability("B")).isCloseTo(0.62 / 0.97, within(1e-6));
        assertThat(estimate.probability("A")).isCloseTo(0.25 / 0.97, within(1e-6));
    }

    @Test
    void aServerWithoutLogprobsDegradesVisibly() {
        LabelEstimator estimator =
                new LabelEstimator(client, ServerDialect.OPENAI, new LabelEstimator.Settings(20, 2, 1, 0.5, 0.5));

        LabelEstimator.Estimate estimate = estimator.estimate(ask("B"), List.of("A", "B", "C"), 1);

        assertThat(estimate.method()).isEqualTo(LabelEstimator.Method.REPEATED_SAMPLES);
        assertThat(estimate.trail())
                .anyMatch(line ->
                        line.startsWith("label log-probabilities unavailable: the server returned no logprobs"));
        assertThat(estimate.probability("B")).isCloseTo(2.5 / 3.5, within(1e-9));
    }

    @Test
    void itsErrorsAreClassified() {
        assertThatThrownBy(() -> client.complete(ask("this prompt is too long")))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.CONTEXT_LENGTH));
        assertThatThrownBy(() -> client.complete(ask("out of quota")))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.QUOTA_EXHAUSTED));
    }

    @Test
    void streamsItsAnswer() {
        List<String> pieces = new ArrayList<>();

        var completion = client.stream(
                ask("a streamed answer that is long enough to come in several chunks of fifty characters"),
                d -> pieces.add(d.content()));

        assertThat(completion.text())
                .isEqualTo("a streamed answer that is long enough to come in several chunks of fifty characters");
        assertThat(pieces.stream().filter(p -> !p.isEmpty()).count()).isGreaterThan(1);
    }
}
