package dev.monoscale.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.InvalidInputException;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.EndpointSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a live config asks of the environment and of its model endpoints, checked when the world is built. */
class LiveWorldSettingsTest {

    @TempDir
    Path dir;

    private final List<EndpointSettings> endpoints = new ArrayList<>();

    private ChatModel client(EndpointSettings settings) {
        endpoints.add(settings);
        return new ChatModel() {
            @Override
            public String describe() {
                return settings.baseUrl().toString();
            }

            @Override
            public dev.monoscale.llm.client.ChatCompletion complete(dev.monoscale.llm.client.ChatRequest request) {
                throw new AssertionError("no model call is made while the world is built");
            }
        };
    }

    private Path config(String yaml) throws IOException {
        Files.writeString(dir.resolve("echo.json"), """
                {"name": "Echo", "description": "echoes", "url": "http://127.0.0.1:1", "skills": []}""");
        Files.writeString(dir.resolve("payroll.json"), """
                {"name": "Payroll", "description": "pays", "url": "http://127.0.0.1:1", "skills": [],
                 "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "security": [{"bearer": []}]}""");
        return Files.writeString(dir.resolve("monoscale.yaml"), yaml);
    }

    @Test
    void an_unset_token_variable_is_accepted_for_an_agent_whose_card_asks_for_no_credential() throws IOException {
        Path file = config("""
                workers:
                  - endpoint: {type: a2a, url: echo.json, tokenEnv: ECHO_TOKEN}
                """);

        try (LiveWorld world = new LiveWorld(LiveConfigs.load(file), Map.<String, String>of()::get, this::client)) {
            assertThat(world.pool().size()).isEqualTo(1);
        }
    }

    @Test
    void an_unset_token_variable_is_refused_for_an_agent_whose_card_asks_for_a_token() throws IOException {
        Path file = config("""
                workers:
                  - endpoint: {type: a2a, url: payroll.json, tokenEnv: PAYROLL_TOKEN}
                """);

        assertThatThrownBy(() -> new LiveWorld(LiveConfigs.load(file), Map.<String, String>of()::get, this::client))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("workers[0].endpoint.tokenEnv = 'PAYROLL_TOKEN' (not set in the environment)");
    }

    @Test
    void every_model_endpoint_caps_its_calls_at_max_tokens_4096_unless_the_config_says_otherwise() throws IOException {
        Path file = config("""
                router:
                  endpoint: {type: openai, baseUrl: http://127.0.0.1:1/v1, model: planner, maxTokens: 512}
                workers:
                  - card: echo.json
                    endpoint: {type: openai, baseUrl: http://127.0.0.1:2/v1, model: worker}
                """);

        try (LiveWorld world = new LiveWorld(LiveConfigs.load(file), Map.<String, String>of()::get, this::client)) {
            assertThat(endpoints)
                    .extracting(e -> e.baseUrl().getPort() + ":" + e.maxTokens())
                    .containsExactlyInAnyOrder("1:512", "2:4096");
        }
    }

    @Test
    void a_max_tokens_of_zero_is_refused_under_its_field() throws IOException {
        Path file = config("""
                workers:
                  - card: echo.json
                    endpoint: {type: openai, baseUrl: http://127.0.0.1:2/v1, model: worker, maxTokens: 0}
                """);

        assertThatThrownBy(() -> LiveConfigs.load(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("maxTokens");
    }
}
