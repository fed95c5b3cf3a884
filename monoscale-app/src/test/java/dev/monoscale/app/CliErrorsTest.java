package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one line naming the thing, the value and what is allowed, and exit code 2. */
class CliErrorsTest {

    @TempDir
    Path dir;

    private Path brokenWorld(String from, String to) throws IOException {
        String spec = new String(
                getClass().getResourceAsStream("/worlds/paper-noisy.json").readAllBytes(), StandardCharsets.UTF_8);
        if (!spec.contains(from)) {
            throw new IllegalStateException("the built-in world no longer contains " + from);
        }
        Path file = dir.resolve("world.json");
        Files.writeString(
                file,
                spec.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        return file;
    }

    @Test
    void a_probability_of_1_7_in_a_world_spec_is_one_line_and_exit_2() throws IOException {
        Path world = brokenWorld("\"web-search\": 0.88", "\"web-search\": 1.7");

        Cli cli = Cli.run("bench", "expansion", "--world", world.toString(), "--seeds", "1", "--tasks", "5");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("monoscale: " + world
                        + ": workers[0].profile.skills.web-search = 1.7; allowed: a probability, a number in [0, 1]\n");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void an_unknown_skill_in_a_world_spec_names_the_declared_ones() throws IOException {
        Path world = brokenWorld("{\n          \"skill\": \"math\"", "{\n          \"skill\": \"algebra\"");

        Cli cli = Cli.run("world", "validate", world.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .startsWith(
                        "monoscale: " + world
                                + ": families[2].steps[1].skill = 'algebra'; allowed: a skill declared in skills: [web-search,");
        assertThat(cli.err().lines()).hasSize(1);
    }

    @Test
    void a_missing_field_in_a_world_spec_is_named() throws IOException {
        Path world = brokenWorld("\"name\": \"paper-noisy\",", "");

        Cli cli = Cli.run("world", "validate", world.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("monoscale: " + world + ": name = (missing); allowed: a non-blank string\n");
    }

    @Test
    void a_malformed_card_is_one_line_and_exit_2() throws IOException {
        Path card = dir.resolve("card.json");
        Files.writeString(
                card,
                "{\"name\": \"Bad\", \"description\": \"x\", \"url\": \"http://localhost:1\", \"skills\": {\"id\": \"s\"}}");

        Cli cli = Cli.run("card", "show", card.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("monoscale: " + card
                        + ": skills = {\"id\":\"s\"}; allowed: an array of skills (may be empty)\n");
    }

    @Test
    void a_sample_count_of_zero_is_refused_before_anything_runs() {
        Cli cli = Cli.run("bench", "expansion", "--samples", "0");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("monoscale: --samples: samples per warm-up task = 0; allowed: a whole number in [1, 64]\n");
    }

    @Test
    void a_confirmation_run_count_out_of_range_is_refused_under_its_flag() {
        Cli cli = Cli.run("onboard", "--confirm-samples", "65", "--db", "never-written.db");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("monoscale: --confirm-samples: confirmation runs per plan = 65; allowed: a whole number in "
                        + "[1, 64], or 0 for as many as a warm-up task's runs\n");
    }

    @Test
    void a_delta_outside_zero_to_ten_is_refused() {
        Cli cli = Cli.run("bench", "expansion", "--delta", "10.5");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("monoscale: --delta: trust region delta = 10.5; allowed: a number in (0, 10]\n");
    }

    @Test
    void an_unknown_world_lists_the_built_in_ones() {
        Cli cli = Cli.run("bench", "expansion", "--world", "paper-nosy");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo(
                        "monoscale: --world: world = 'paper-nosy'; allowed: a built-in world [paper-clean, paper-noisy] or the path of a world spec JSON file\n");
    }

    @Test
    void an_unknown_format_is_refused() {
        Cli cli = Cli.run("bench", "expansion", "--format", "yaml");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("monoscale: --format: format = 'yaml'; allowed: table or json\n");
    }
}
