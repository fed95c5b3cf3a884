package dev.monoscale.app.cli;

import dev.monoscale.bench.ExpansionBenchmark;
import dev.monoscale.execution.WarmupExecutor;
import java.io.PrintWriter;

/** The progress of long commands (demo, bench, onboard) on stderr, drawn only when a person watches a terminal. */
final class Progressing {

    private Progressing() {}

    /** Warm-up runs of an onboarding round. */
    static WarmupExecutor.Progress runs(PrintWriter err, boolean quiet) {
        return runs(ProgressLine.onTerminal(err, quiet));
    }

    static WarmupExecutor.Progress runs(ProgressLine line) {
        return line.shown()
                ? (done, total) -> line.update(done, total, "warm-up runs", "")
                : WarmupExecutor.Progress.NONE;
    }

    /** Steps of a benchmark (seed by seed, stage by stage). */
    static ExpansionBenchmark.Progress bar(PrintWriter err, boolean quiet) {
        return bar(ProgressLine.onTerminal(err, quiet));
    }

    static ExpansionBenchmark.Progress bar(ProgressLine line) {
        return line.shown()
                ? (done, total, what) -> line.update(done, total, "steps", what)
                : ExpansionBenchmark.Progress.NONE;
    }
}
