package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.a2a.A2aBackend;
import dev.monoscale.a2a.A2aServer;
import dev.monoscale.core.Skill;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live config whose workers are A2A agents and which names no model: the model-free live world. Onboarding a
 * worker that fails every task leaves a memory that routes its work elsewhere, and {@code route} follows it.
 */
class LiveA2aConfigTest {

    @TempDir
    Path dir;

    private final AtomicInteger brokenCalls = new AtomicInteger();
    private A2aServer translator;
    private A2aServer broken;
    private A2aServer summariser;

    @BeforeEach
    void agents() {
        translator = A2aServer.start(
                agent(
                        "Translator",
                        "Translates letters and documents between English and German",
                        new Skill(
                                "translate",
                                "Translate letters",
                                "Translate a letter or a document into German or English",
                                List.of("translation", "german", "letters"),
                                List.of("Translate this letter into German")),
                        text -> A2aBackend.Result.answered("Übersetzt: " + text)),
                "127.0.0.1",
                0,
                Duration.ofSeconds(60),
                InstantSource.system());
        broken = A2aServer.start(
                agent(
                        "Fast Translator",
                        "Translates letters into German in seconds",
                        new Skill(
                                "translate-fast",
                                "Translate letters fast",
                                "Translate any letter into German, fast",
                                List.of("translation", "german", "letters", "fast"),
                                List.of("Translate this letter into German")),
                        text -> {
                            brokenCalls.incrementAndGet();
                            return A2aBackend.Result.failed("translation backend is down");
                        }),
                "127.0.0.1",
                0,
                Duration.ofSeconds(60),
                InstantSource.system());
        summariser = A2aServer.start(
                agent(
                        "Summariser",
                        "Summarises reports and articles",
                        new Skill(
                                "summarise",
                                "Summarise reports",
                                "Summarise a report in three bullet points",
                                List.of("summary", "reports"),
                                List.of("Summarise this quarterly report")),
                        text -> A2aBackend.Result.answered("Summary: " + text)),
                "127.0.0.1",
                0,
                Duration.ofSeconds(60),
                InstantSource.system());
    }

    @AfterEach
    void stop() {
        translator.close();
        broken.close();
        summariser.close();
    }

    @Test
    void onboarding_a_failing_a2a_agent_from_a_model_free_config_routes_its_work_to_the_one_that_answers()
            throws Exception {
        Path config = dir.resolve("monoscale.yaml");
        Files.writeString(config, """
                workers:
                  - endpoint: {type: a2a, url: %s}
                  - endpoint: {type: a2a, url: %s}
                  - endpoint: {type: a2a, url: %s, timeoutSeconds: 30, deadlineSeconds: 60}
                """.formatted(translator.url(), summariser.url(), broken.url()));
        String db = dir.resolve("memory.db").toString();

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

        assertThat(onboard.exit()).as(onboard.err()).isZero();
        assertThat(onboard.out()).contains("new worker fast-translator");
        assertThat(brokenCalls.get()).as("warm-up calls the new agent over A2A").isPositive();

        Cli route = Cli.run(
                "route",
                "Translate this letter into German: Dear Anna, thank you.",
                "--config",
                config.toString(),
                "--db",
                db);

        assertThat(route.exit()).as(route.err()).isZero();
        assertThat(route.out())
                .contains(
                        "embedded router (no model configured)",
                        "-> translator (p = ",
                        "answer:\nÜbersetzt: Translate this letter into German: Dear Anna, thank you.");
    }

    @Test
    void an_a2a_worker_with_its_own_card_in_the_config_is_refused_in_one_line() throws Exception {
        Path config = dir.resolve("monoscale.yaml");
        Files.writeString(config, """
                workers:
                  - card: {name: Translator, description: translates}
                    endpoint: {type: a2a, url: %s}
                """.formatted(translator.url()));

        Cli cli = Cli.run("route", "x", "--config", config.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err().strip())
                .isEqualTo("monoscale: " + config
                        + ": workers[0].card = (a card for an A2A agent); allowed: no card: an A2A"
                        + " agent's card is the one it publishes at " + translator.url());
    }

    @Test
    void an_unreachable_a2a_agent_in_the_config_is_named_in_one_line() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("monoscale.yaml");
        Files.writeString(config, """
                workers:
                  - endpoint: {type: a2a, url: http://127.0.0.1:%d}
                """.formatted(port));

        Cli cli = Cli.run("route", "x", "--config", config.toString());

        assertThat(cli.exit()).isNotZero();
        assertThat(cli.err().strip()).doesNotContain("\n").contains("http://127.0.0.1:" + port);
    }

    private static A2aBackend agent(
            String name,
            String description,
            Skill skill,
            java.util.function.Function<String, A2aBackend.Result> answer) {
        return A2aBackend.of(name, description, List.of(skill), answer);
    }
}
