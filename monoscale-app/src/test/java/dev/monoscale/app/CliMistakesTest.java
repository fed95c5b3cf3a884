package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's mistakes: each is one line naming the thing, the value and what is allowed, a non-zero exit, and no
 * stored data changed. Never a Java exception, never accepted without a word.
 */
class CliMistakesTest {

    @TempDir
    Path dir;

    private Path world(String from, String to) throws IOException {
        String spec = new String(
                getClass().getResourceAsStream("/worlds/paper-noisy.json").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(spec).contains(from);
        Path file = dir.resolve("world.json");
        Files.writeString(file, spec.replaceAll(Pattern.quote(from), Matcher.quoteReplacement(to)));
        return file;
    }

    private static void oneLine(Cli cli, String... parts) {
        assertThat(cli.exit()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err())
                .startsWith("monoscale: ")
                .hasLineCount(1)
                .contains(parts)
                .doesNotContain("Exception");
    }

    @Test
    void a_config_nested_5000_levels_deep_is_one_line_about_nesting_and_creates_no_database() throws IOException {
        Path config = dir.resolve("deep.yaml");
        Files.writeString(config, "workers: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        Path db = dir.resolve("m.db");

        Cli cli = Cli.run("onboard", "--config", config.toString(), "--card", "x", "--db", db.toString());

        oneLine(cli, config.toString(), "nested too deeply", "at most 1000 levels");
        assertThat(db).doesNotExist();
    }

    @Test
    void serving_on_a_host_that_cannot_be_resolved_names_the_host_not_a_port() {
        Cli cli = Cli.run("serve", "--host", "999.1.1.1", "--port", "0");

        oneLine(cli, "--host: host = '999.1.1.1' (cannot be resolved)", "an address of this machine");
    }

    @Test
    void serving_on_a_port_another_process_holds_names_the_port() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            // the guard only bounds a failure of this test: serve must return, not serve
            Cli cli = assertTimeoutPreemptively(
                    Duration.ofMinutes(2), () -> Cli.run("serve", "--port", Integer.toString(port)));

            oneLine(
                    cli,
                    "--port: port = " + port + " on 127.0.0.1 (cannot be bound",
                    "a port no other process listens on");
        }
    }

    @Test
    void a_demo_whose_output_folder_cannot_be_created_stops_before_any_work() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path outDir = file.resolve("charts");

        Cli cli = Cli.run("demo", "--out-dir", outDir.toString(), "--seeds", "1", "--tasks", "5");

        oneLine(cli, "--out-dir: out-dir = '" + outDir + "'", "a directory that exists or can be created");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void a_benchmark_report_file_in_an_unwritable_place_is_refused_before_the_run() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");

        Cli cli = Cli.run(
                "bench",
                "expansion",
                "--seeds",
                "1",
                "--tasks",
                "5",
                "--out",
                file.resolve("report.json").toString());

        oneLine(cli, "--out: out = '" + file.resolve("report.json") + "'");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void a_world_whose_family_weights_are_all_zero_is_refused() throws IOException {
        String spec = new String(
                getClass().getResourceAsStream("/worlds/paper-noisy.json").readAllBytes(), StandardCharsets.UTF_8);
        Path file = dir.resolve("world.json");
        Files.writeString(file, spec.replaceAll("\"weight\": [0-9.]+", "\"weight\": 0"));

        oneLine(
                Cli.run("world", "validate", file.toString()),
                "families[*].weight = 0 in every family",
                "at least one above 0");
    }

    @Test
    void an_unknown_field_in_a_world_spec_is_refused_not_ignored() throws IOException {
        Path file = world("\"otherSkills\": 0.05,", "\"otherSkils\": 0.05,");

        oneLine(Cli.run("world", "validate", file.toString()), ".profile.otherSkils = (unknown field)", "otherSkills");
    }

    @Test
    void a_misspelt_failure_mode_rate_is_refused_not_defaulted() throws IOException {
        Path file = world(
                "\"skill\": \"math\",\n            \"rate\": 0.5", "\"skill\": \"math\",\n            \"rat\": 0.5");

        oneLine(
                Cli.run("world", "validate", file.toString()),
                ".failureModes[0].rat = (unknown field)",
                "type, skill, rate");
    }

    @Test
    void a_second_failure_mode_of_the_same_type_on_one_worker_is_refused() throws IOException {
        Path file = world("""
                "type": "silent-wrong-answer",
                            "skill": "math",
                            "rate": 0.5
                          }""", """
                "type": "silent-wrong-answer",
                            "skill": "math",
                            "rate": 0.5
                          },
                          {"type": "silent-wrong-answer", "rate": 0.1}""");

        oneLine(
                Cli.run("world", "validate", file.toString()),
                ".failureModes[1].type = 'silent-wrong-answer'",
                "not already used by failureModes[0]");
    }

    @Test
    void an_empty_or_blank_task_is_refused() {
        oneLine(Cli.run("route", ""), "TASK: task = '' (blank)", "at least one word");
        oneLine(Cli.run("route", "   "), "TASK: task = '' (blank)");
        oneLine(Cli.run("route", "Summarise", "--step", " "), "--step: step 1 = ' ' (blank)");
    }

    @Test
    void a_card_name_with_an_escape_character_is_refused_and_never_printed_raw() throws IOException {
        Path card = dir.resolve("card.json");
        Files.writeString(
                card,
                "{\"name\": \"Evil\\u001b[2J\", \"description\": \"x\", \"url\": \"http://localhost:1\", \"skills\": []}");

        Cli cli = Cli.run("card", "show", card.toString());

        oneLine(cli, card + ": name = 'Evil\\u001b[2J' (control character U+001B)", "without control characters");
        assertThat(cli.out() + cli.err()).doesNotContain("\u001b");
    }

    @Test
    void a_card_skill_with_a_nul_character_is_refused() throws IOException {
        Path card = dir.resolve("card.json");
        Files.writeString(
                card,
                "{\"name\": \"Fine\", \"description\": \"x\", \"url\": \"http://localhost:1\", "
                        + "\"skills\": [{\"id\": \"s\", \"name\": \"S\\u0000\", \"description\": \"d\"}]}");

        oneLine(Cli.run("card", "show", card.toString()), "skills[0].name", "(control character U+0000)");
    }

    @Test
    void reading_the_log_of_an_empty_file_refuses_it_and_leaves_it_empty() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.db"));

        Cli cli = Cli.run("memory", "log", "--db", empty.toString());

        oneLine(cli, "--db: db = '" + empty + "' (an empty file, not a memory database)");
        assertThat(empty).isEmptyFile();
    }

    @Test
    void reading_the_log_of_an_sqlite_database_without_tables_refuses_it_and_does_not_turn_it_into_a_memory()
            throws Exception {
        Path other = dir.resolve("other.db");
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other);
                var statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 7");
        }
        byte[] before = Files.readAllBytes(other);

        Cli cli = Cli.run("memory", "show", "--db", other.toString());

        oneLine(cli, "--db: db = '" + other + "' (an empty SQLite database, not a memory)");
        assertThat(Files.readAllBytes(other)).isEqualTo(before);
    }

    @Test
    void a_failed_onboard_leaves_no_new_database_behind() throws IOException {
        Path card = dir.resolve("card.json");
        Files.writeString(
                card,
                "{\"name\": \"Web Surfer\", \"description\": \"x\", \"url\": \"http://localhost:1\", \"skills\": []}");
        Path db = dir.resolve("new.db");

        Cli cli = Cli.run("onboard", "--stage", "1", "--card", card.toString(), "--db", db.toString());

        oneLine(cli, "name = 'Web Surfer'", "a worker not already in the pool");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("card.json");
        }
    }

    @Test
    void a_failed_onboard_leaves_an_existing_database_as_it_was() throws IOException {
        Path db = dir.resolve("m.db");
        assertThat(Cli.run("onboard", "--stage", "0", "--db", db.toString()).exit())
                .isZero();
        String before = Cli.run("memory", "log", "--db", db.toString(), "--format", "json")
                .out();
        Path card = dir.resolve("card.json");
        Files.writeString(
                card,
                "{\"name\": \"Web Surfer\", \"description\": \"x\", \"url\": \"http://localhost:1\", \"skills\": []}");

        Cli cli = Cli.run("onboard", "--stage", "1", "--card", card.toString(), "--db", db.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(Cli.run("memory", "log", "--db", db.toString(), "--format", "json")
                        .out())
                .isEqualTo(before);
    }

    @Test
    void a_round_on_two_warm_up_tasks_says_on_stderr_what_the_gate_could_not_see() {
        Cli cli = Cli.run(
                "onboard",
                "--stage",
                "1",
                "--warmup-tasks",
                "2",
                "--db",
                dir.resolve("m.db").toString());

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.err().lines().filter(line -> line.contains("warning")).toList())
                .singleElement()
                .asString()
                // the confirm rule ran each new worker's selection half (1 of its 2 tasks), and confirmed on 2 tasks
                // from the incumbents' cards where the candidate that validates the new workers routes differently
                .startsWith(
                        "monoscale: warning: round v1 decided on little evidence: 4 warm-up task(s) (per new worker: vision-analyst 1, "
                                + "quick-math 1; from the incumbents' cards 2), 2 scored by the gate")
                .contains(
                        "cannot tell a better or worse worker from chance with fewer than 10", "raise --warmup-tasks");
        assertThat(cli.out()).doesNotContain("warning");
        assertThat(cli.err()).as("no progress line outside a terminal").doesNotContain("\r");
    }

    @Test
    void a_round_with_enough_evidence_prints_no_warning() {
        Cli cli = Cli.run(
                "onboard",
                "--stage",
                "1",
                "--warmup-tasks",
                "20",
                "--db",
                dir.resolve("m.db").toString());

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.err()).doesNotContain("warning");
    }
}
