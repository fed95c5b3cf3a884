package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A round that accepts the {@code cards} candidate validates its new workers, and the memory commands say so: in the
 * clean world every joiner's card is honest, and the stage-2 round of seed 1 validates the transcriber and the
 * spreadsheet analyst. A rollback past that round takes the validation back with the entries.
 */
class ValidatedWorkersCliTest {

    @TempDir
    Path dir;

    @Test
    void diff_show_and_rollback_name_the_workers_a_round_validated() {
        String db = dir.resolve("clean.db").toString();
        Cli onboard = Cli.run("onboard", "--world", "paper-clean", "--stage", "2", "--db", db);
        assertThat(onboard.exit()).as(onboard.err()).isZero();
        assertThat(onboard.out())
                .contains("workers validated (routed wherever their cards match): transcriber, sheet-analyst");

        Cli diff = Cli.run("memory", "diff", "--db", db, "v1", "v2");
        assertThat(diff.out())
                .contains(
                        ", 2 validated",
                        "+ validated transcriber: routed wherever its card matches",
                        "+ validated sheet-analyst: routed wherever its card matches");
        assertThat(Cli.run("memory", "show", "--db", db, "v2").out())
                .contains("validated: web-surfer, coder, file-surfer, transcriber, sheet-analyst");

        assertThat(Cli.run("memory", "rollback", "--db", db, "--to", "v1").exit())
                .isZero();
        assertThat(Cli.run("memory", "diff", "--db", db, "v2", "v3").out())
                .contains(
                        "2 no longer validated",
                        "- validated transcriber: used only where an entry prefers it",
                        "- validated sheet-analyst");
    }
}
