package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onboard --config} on a live world with a model, from the command line to HTTP and back: one scripted
 * OpenAI-compatible server plays the router's model (planning warm-up tasks, routing, judging, distilling) and
 * the workers' models (the auditor answers audits right, the ledger wrong). The round's memory is written to
 * the database with its gate record, and {@code memory show} reads it back.
 */
class LiveLlmOnboardCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INVOICE = Pattern.compile("invoice (\\d+)");

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger workerCalls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            byte[] body = JSON.writeValueAsBytes(answer(request));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void onboarding_from_a_config_with_a_model_writes_a_memory_that_sends_audits_to_the_auditor() throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        Path config = dir.resolve("monoscale.yaml");
        Files.writeString(config, """
                router:
                  endpoint: {type: openai, baseUrl: %1$s, model: router-model, dialect: vllm, retries: 0}
                workers:
                  - card: {name: Ledger, description: Keeps the books, skills: [{name: bookkeeping, description: record payments in the ledger}]}
                    endpoint: {type: openai, baseUrl: %1$s, model: ledger-model, retries: 0}
                    systemPrompt: You keep the books.
                  - card: {name: Writer, description: Writes letters, skills: [{name: letters, description: write letters to customers}]}
                    endpoint: {type: openai, baseUrl: %1$s, model: writer-model, retries: 0}
                  - card: {name: Auditor, description: Audits invoices, skills: [{name: audits, description: audit an invoice and give its total}]}
                    endpoint: {type: openai, baseUrl: %1$s, model: auditor-model, retries: 0}
                    systemPrompt: You audit invoices.
                """.formatted(url));
        String db = dir.resolve("memory.db").toString();

        // the legacy rule: three warm-up tasks are too few for the default rule to confirm anything
        Cli onboard = Cli.run(
                "onboard",
                "--config",
                config.toString(),
                "--card",
                "auditor",
                "--db",
                db,
                "--warmup-tasks",
                "3",
                "--gate",
                "legacy");
        Cli show = Cli.run("memory", "show", "--db", db, "--format", "json");

        assertThat(onboard.exit()).as(onboard.err()).isZero();
        assertThat(onboard.out()).contains("round -> memory v1: accepted", "new worker auditor: 3 warm-up tasks");
        assertThat(workerCalls.get()).isPositive();
        JsonNode memory = JSON.readTree(show.out());
        assertThat(memory.path("gate").path("outcome").asText()).isEqualTo("accepted");
        assertThat(memory.path("gate").path("chosen").asText()).startsWith("distill/entries@1 ");
        assertThat(memory.path("entries")).singleElement().satisfies(entry -> {
            assertThat(entry.path("guidance").get(0).path("worker").asText()).isEqualTo("auditor");
            assertThat(entry.path("guidance").get(0).path("stance").asText()).isEqualTo("prefer");
        });
    }

    /** The scripted server: the reply depends on the model asked and, for the router's model, on its prompt. */
    private ObjectNode answer(JsonNode request) {
        String model = request.path("model").asText();
        ArrayNode messages = (ArrayNode) request.path("messages");
        String system = messages.get(0).path("content").asText();
        String user = messages.get(messages.size() - 1).path("content").asText();
        return switch (model) {
            case "auditor-model" -> {
                workerCalls.incrementAndGet();
                Matcher m = INVOICE.matcher(user);
                yield text(m.find() ? "total " + m.group(1) : "no invoice");
            }
            case "ledger-model" -> text("total 0");
            case "writer-model" -> text("Dear customer");
            default -> router(system, user);
        };
    }

    private static ObjectNode router(String system, String user) {
        if (system.startsWith("You plan warm-up tasks")) {
            return text("""
                    {"intents":[{"kind":"in_scope","text":"audit invoice 17"},{"kind":"in_scope","text":"audit invoice 23"},
                     {"kind":"in_scope","text":"audit invoice 31"}]}""");
        }
        if (system.startsWith("You turn a warm-up intent")) {
            Matcher m = INVOICE.matcher(user);
            String n = m.find() ? m.group(1) : "0";
            return text(
                    "{\"steps\":[\"audit invoice %s and give its total\"],\"reference\":\"total %s\"}".formatted(n, n));
        }
        if (system.startsWith("You check a warm-up task")) {
            return text("{\"valid\":true,\"reason\":\"one right answer\"}");
        }
        if (system.startsWith("You judge whether")) {
            String reference = user.replaceAll("(?s).*Reference answer: (.*?)\\n.*", "$1");
            String answer = user.replaceAll("(?s).*Answer to judge: (.*)", "$1");
            return text(
                    answer.contains(reference)
                            ? "{\"verdict\":\"pass\",\"reason\":\"matches\"}"
                            : "{\"verdict\":\"fail\",\"reason\":\"wrong total\"}");
        }
        if (system.startsWith("You write routing memory")) {
            Matcher runs =
                    Pattern.compile("auditor did the step .*\\n    runs: (.*)").matcher(user);
            String cited = runs.find() ? String.join("\",\"", runs.group(1).split(", ")) : "";
            return text("""
                    {"entries":[{"pattern":"audit invoice total","rule":"Send invoice audits to auditor: it gave the right total every time.",
                      "worker":"auditor","stance":"prefer","after":[],"cite":["%s"]}]}""".formatted(cited));
        }
        if (system.startsWith("You route one step")) {
            // the auditor's label when it is offered (after a prefer entry), else the ledger's
            Matcher offered = Pattern.compile("(?m)^([A-Z]): auditor").matcher(user);
            return offered.find() ? label(offered.group(1), 0.8, "A", 0.15) : label("A", 0.9, "B", 0.1);
        }
        return text("{}");
    }

    private static ObjectNode text(String content) {
        ObjectNode completion = JSON.createObjectNode();
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        return completion;
    }

    private static ObjectNode label(String chosen, double p, String other, double q) {
        ObjectNode completion = text(chosen);
        ObjectNode token = ((ObjectNode) completion.path("choices").get(0))
                .putObject("logprobs")
                .putArray("content")
                .addObject();
        token.put("token", chosen).put("logprob", Math.log(p));
        ArrayNode top = token.putArray("top_logprobs");
        top.addObject().put("token", chosen).put("logprob", Math.log(p));
        if (!other.equals(chosen)) {
            top.addObject().put("token", other).put("logprob", Math.log(q));
        }
        return completion;
    }
}
