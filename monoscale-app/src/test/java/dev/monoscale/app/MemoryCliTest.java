package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** memory log, show, diff and rollback on the SQLite file that onboard leaves. */
class MemoryCliTest {

    @TempDir
    Path dir;

    Path db;

    @BeforeEach
    void onboard_two_stages() {
        db = dir.resolve("memory.db");
        // both rounds must accept entries for show, diff and rollback to have something to read: with 20 warm-up
        // tasks per new worker the default gate keeps the lift at v1 (its halves too small to confirm), with 30 it
        // accepts at both stages
        Cli cli = Cli.run(
                "onboard", "--world", "paper-noisy", "--stage", "2", "--db", db.toString(), "--warmup-tasks", "30");
        assertThat(cli.exit()).as(cli.err()).isZero();
    }

    @Test
    void log_lists_every_version_newest_first() {
        Cli cli = Cli.run("memory", "log", "--db", db.toString());

        assertThat(cli.exit()).isZero();
        assertThat(cli.out().lines().map(line -> line.substring(0, 2)).toList()).containsExactly("v2", "v1", "v0");
        assertThat(cli.out())
                .contains(
                        "onboarded vision-analyst, quick-math",
                        "onboarded omni-assistant, transcriber",
                        "the empty initial memory");
    }

    @Test
    void show_prints_entries_with_their_evidence_and_the_gate_numbers() {
        Cli cli = Cli.run("memory", "show", "--db", db.toString(), "v1");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out())
                .contains("gate: delta 2.50, alpha 0.05", "pattern:", "rule:", "evidence:", "traces warmup-");
    }

    @Test
    void show_as_json_carries_the_gate_record() {
        Cli cli = Cli.run("memory", "show", "--db", db.toString(), "v1", "--format", "json");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).contains("\"candidates\"", "\"gainInterval\"", "\"kl\"", "\"evidence\"");
    }

    @Test
    void diff_lists_what_a_round_added() {
        Cli cli = Cli.run("memory", "diff", "--db", db.toString(), "v0", "v1");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).startsWith("v0 -> v1: ").contains("+ v1-p");
    }

    @Test
    void rollback_appends_a_version_that_routes_as_the_earlier_one_did() {
        String task = "What is the total of the blue bars in the attached chart?";
        String[] steps = {
            "--step",
            "Look at the attached image of a bar chart and read the values of the blue bars",
            "--step",
            "Transcribe the attached voice memo recording and list the books mentioned"
        };
        Cli atV1 = Cli.run(with(new String[] {"route", task, "--db", db.toString(), "--version", "v1"}, steps));
        Cli atV2 = Cli.run(with(new String[] {"route", task, "--db", db.toString()}, steps));

        Cli rollback = Cli.run("memory", "rollback", "--db", db.toString(), "--to", "v1");
        Cli atHead = Cli.run(with(new String[] {"route", task, "--db", db.toString()}, steps));

        assertThat(rollback.out()).contains("appended v3, which restores v1");
        assertThat(atV2.out()).isNotEqualTo(atV1.out());
        assertThat(atHead.out().replace("memory v3", "memory v1")).isEqualTo(atV1.out());
        assertThat(Cli.run("memory", "log", "--db", db.toString()).out().lines().count())
                .isEqualTo(4);
    }

    @Test
    void an_unknown_version_is_one_line_and_changes_nothing() throws IOException {
        byte[] before = Files.readAllBytes(db);

        Cli cli = Cli.run("memory", "rollback", "--db", db.toString(), "--to", "v9");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("monoscale: " + db + ": version = v9; allowed: an existing version, v0 to v2\n");
        assertThat(Cli.run("memory", "log", "--db", db.toString()).out().lines().count())
                .isEqualTo(3);
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    @Test
    void a_corrupt_database_file_is_one_line_and_left_as_it_was() throws IOException {
        Path corrupt = dir.resolve("corrupt.db");
        Files.writeString(corrupt, "this is not a database");

        Cli cli = Cli.run("memory", "log", "--db", corrupt.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .startsWith("monoscale: '" + corrupt + "' is not a MonoScale memory database")
                .endsWith("\n");
        assertThat(cli.err().lines()).hasSize(1);
        assertThat(Files.readString(corrupt)).isEqualTo("this is not a database");
    }

    @Test
    void bad_round_settings_are_refused_before_the_store_is_touched() throws IOException {
        byte[] before = Files.readAllBytes(db);

        Cli samples = Cli.run("onboard", "--db", db.toString(), "--samples", "0");
        Cli delta = Cli.run("onboard", "--db", db.toString(), "--delta", "0");

        assertThat(samples.exit()).isEqualTo(2);
        assertThat(samples.err())
                .isEqualTo("monoscale: --samples: samples per warm-up task = 0; allowed: a whole number in [1, 64]\n");
        assertThat(delta.exit()).isEqualTo(2);
        assertThat(delta.err())
                .isEqualTo("monoscale: --delta: trust region delta = 0.0; allowed: a number in (0, 10]\n");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    @Test
    void onboarding_again_resumes_at_the_stages_not_yet_onboarded() {
        Cli cli = Cli.run("onboard", "--world", "paper-noisy", "--db", db.toString(), "--warmup-tasks", "20");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).contains("round -> memory v3").doesNotContain("memory v4");
        assertThat(Cli.run("onboard", "--world", "paper-noisy", "--db", db.toString())
                        .out())
                .contains("nothing to do");
    }

    private static String[] with(String[] head, String[] tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
