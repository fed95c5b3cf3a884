package dev.monoscale.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line: counts and an estimate on a terminal, redrawn at most five times a second, nothing elsewhere. */
class ProgressLineTest {

    private final StringWriter terminal = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    private ProgressLine line(boolean shown) {
        return new ProgressLine(new PrintWriter(terminal), shown, nanos::get);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void the_first_drawing_shows_the_counts_and_that_the_time_left_is_being_estimated() {
        line(true).update(0, 400, "warm-up runs", "");

        assertThat(terminal.toString())
                .isEqualTo("\r[........................] 0/400 warm-up runs, estimating the time left");
    }

    @Test
    void the_estimate_is_the_time_so_far_scaled_by_what_is_left() {
        ProgressLine line = line(true);
        line.update(0, 400, "warm-up runs", "");
        advance(Duration.ofSeconds(10));

        line.update(100, 400, "warm-up runs", "");

        // the shorter line is padded with spaces over the end of the longer one before it
        assertThat(terminal.toString())
                .endsWith("\r[######..................] 100/400 warm-up runs, about 30 s left" + " ".repeat(7));
    }

    @Test
    void no_estimate_is_given_before_five_percent_is_done_or_three_seconds_have_passed() {
        assertThat(ProgressLine.render(2, 1420, "warm-up runs", "", Duration.ofMillis(2900)))
                .endsWith("estimating the time left");
        assertThat(ProgressLine.render(2, 1420, "warm-up runs", "", Duration.ofSeconds(3)))
                .endsWith("about 35 min left");
        assertThat(ProgressLine.render(71, 1420, "warm-up runs", "", Duration.ofSeconds(1)))
                .endsWith("about 19 s left");
    }

    @Test
    void long_estimates_are_in_minutes_and_the_current_step_follows_the_counts() {
        assertThat(ProgressLine.render(1, 40, "steps", "seed 1, stage 2", Duration.ofSeconds(6)))
                .isEqualTo("[........................] 1/40 steps, about 4 min left  seed 1, stage 2");
    }

    @Test
    void updates_closer_than_200_ms_are_not_drawn() {
        ProgressLine line = line(true);
        line.update(0, 10, "steps", "");
        advance(Duration.ofMillis(199));
        line.update(1, 10, "steps", "");
        String once = terminal.toString();
        advance(Duration.ofMillis(1));

        line.update(2, 10, "steps", "");

        assertThat(once).doesNotContain("1/10");
        assertThat(terminal.toString()).contains("2/10 steps");
    }

    @Test
    void the_line_is_cleared_when_the_work_is_done() {
        ProgressLine line = line(true);
        line.update(0, 10, "steps", "");
        int width = terminal.toString().length() - 1;

        line.update(10, 10, "steps", "");

        assertThat(terminal.toString()).endsWith("\r" + " ".repeat(width) + "\r");
    }

    @Test
    void nothing_is_drawn_when_no_terminal_is_attached_or_quiet_was_asked() {
        ProgressLine line = line(false);
        line.update(0, 10, "steps", "");
        advance(Duration.ofSeconds(1));
        line.update(5, 10, "steps", "");
        line.update(10, 10, "steps", "");

        assertThat(terminal.toString()).isEmpty();
        assertThat(Progressing.runs(line)).isSameAs(dev.monoscale.execution.WarmupExecutor.Progress.NONE);
        assertThat(Progressing.bar(line)).isSameAs(dev.monoscale.bench.ExpansionBenchmark.Progress.NONE);
    }

    @Test
    void under_the_test_runner_no_terminal_is_attached_so_the_commands_draw_nothing() {
        // stdout and stderr of a forked test JVM are pipes: the same as `monoscale demo | tee`
        assertThat(ProgressLine.terminal()).isFalse();
        assertThat(ProgressLine.onTerminal(new PrintWriter(terminal), false).shown())
                .isFalse();
    }
}
