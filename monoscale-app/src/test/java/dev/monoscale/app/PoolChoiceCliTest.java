package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code route} and {@code serve} choose their pool through the same options: a world's stage, A2A agents named with
 * {@code --agent}, or a live config; the same mistakes get the same line from both.
 */
class PoolChoiceCliTest {

    @TempDir
    Path dir;

    @Test
    void route_routes_over_a_worlds_stage_and_names_it() {
        Cli cli = Cli.run("route", "Compute the sum of 3 and 4", "--world", "paper-clean", "--stage", "0");

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("memory v0 over ").contains("(stage 0 of paper-clean)");
    }

    @Test
    void route_routes_over_the_a2a_agents_named_with_agent_as_serve_serves_them() throws IOException {
        Path echo = card("echo.json", "Echo", "echo", "Echoes a message back");
        Path sums = card("sums.json", "Sums", "add", "Adds numbers and computes sums");

        Cli cli =
                Cli.run("route", "Compute the sum of 3 and 4", "--agent", echo.toString(), "--agent", sums.toString());

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.out())
                .startsWith("memory v0 over 2 workers (2 A2A agents)")
                .contains("-> sums");
    }

    @Test
    void a_stage_outside_the_world_is_the_same_line_from_route_and_serve() {
        for (String command : new String[] {"route", "serve"}) {
            Cli cli = command.equals("route")
                    ? Cli.run("route", "Compute the sum", "--world", "paper-clean", "--stage", "9")
                    : Cli.run("serve", "--world", "paper-clean", "--stage", "9", "--port", "0");

            assertThat(cli.exit()).as(command).isEqualTo(2);
            assertThat(cli.err().strip())
                    .as(command)
                    .isEqualTo("monoscale: --stage: stage = 9; allowed: a stage of world 'paper-clean', 0 to 3");
        }
    }

    @Test
    void agents_and_a_config_together_are_refused_by_both_before_anything_starts() throws IOException {
        Path echo = card("echo.json", "Echo", "echo", "Echoes a message back");
        Path config = dir.resolve("monoscale.yaml");
        Files.writeString(config, "workers: []\n");

        for (String command : new String[] {"route", "serve"}) {
            Cli cli = command.equals("route")
                    ? Cli.run("route", "Echo this", "--agent", echo.toString(), "--config", config.toString())
                    : Cli.run("serve", "--agent", echo.toString(), "--config", config.toString(), "--port", "0");

            assertThat(cli.exit()).as(command).isEqualTo(2);
            assertThat(cli.err()).as(command).contains("--agent", "no --agent with --config");
        }
    }

    private Path card(String file, String name, String skill, String description) throws IOException {
        Path card = dir.resolve(file);
        Files.writeString(card, """
                {"name": "%s", "description": "%s", "url": "http://127.0.0.1:1",
                 "skills": [{"id": "%s", "name": "%s", "description": "%s"}]}""".formatted(name, description, skill, name, description));
        return card;
    }
}
