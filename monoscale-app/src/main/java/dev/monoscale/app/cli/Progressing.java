package dev.monoscale.app.cli;

import dev.monoscale.bench.ExpansionBenchmark;
import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar on the error stream, drawn only when a person is watching a terminal. */
final class Progressing {

    private Progressing() {}

    static dev.monoscale.execution.WarmupExecutor.Progress runs(PrintWriter err) {
        if (System.console() == null) {
            return dev.monoscale.execution.WarmupExecutor.Progress.NONE;
        }
        return (done, total) -> {
            if (done % 20 != 0 && done != total) {
                return;
            }
            int width = 30;
            int filled = (int) Math.round(width * (double) done / total);
            synchronized (err) {
                err.print(String.format(Locale.ROOT, "\rwarm-up [%s%s] %d/%d runs", "#".repeat(filled), " ".repeat(width - filled), done, total));
                if (done == total) {
                    err.print("\r" + " ".repeat(width + 40) + "\r");
                }
                err.flush();
            }
        };
    }

    static ExpansionBenchmark.Progress bar(PrintWriter err) {
        if (System.console() == null) {
            return ExpansionBenchmark.Progress.NONE;
        }
        return (done, total, what) -> {
            int width = 30;
            int filled = (int) Math.round(width * (double) done / total);
            err.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d %-40s", "#".repeat(filled), " ".repeat(width - filled), done, total, what));
            if (done == total) {
                err.print("\r" + " ".repeat(width + 60) + "\r");
            }
            err.flush();
        };
    }
}
