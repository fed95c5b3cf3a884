package dev.monoscale.app.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One line of progress on the error stream, redrawn in place: a bar, the counts, and once there is a rate to go by,
 * an estimate of the time left. It draws only on a terminal (never into a pipe or a file) and at most five times a
 * second, and clears itself when the work is done. The clock is injected, so what it draws is testable.
 */
final class ProgressLine {

    /** The shortest time between two redraws. */
    static final Duration EVERY = Duration.ofMillis(200);

    private static final int BAR = 24;

    private final PrintWriter err;
    private final boolean shown;
    private final LongSupplier nanos;
    private long start = Long.MIN_VALUE;
    private long drawn = Long.MIN_VALUE;
    private int width;

    /**
     * @param shown whether to draw at all: a terminal is attached and {@code --quiet} was not given
     * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
     */
    ProgressLine(PrintWriter err, boolean shown, LongSupplier nanos) {
        this.err = err;
        this.shown = shown;
        this.nanos = nanos;
    }

    /** A line for the process's own terminal: shown only when one is attached and {@code quiet} is false. */
    static ProgressLine onTerminal(PrintWriter err, boolean quiet) {
        return new ProgressLine(err, !quiet && terminal(), System::nanoTime);
    }

    /** Whether a person watches: a console whose streams are a terminal (Console.isTerminal on JDK 22 and later). */
    @SuppressWarnings("SystemConsoleNull") // null before JDK 22; isTerminal below answers on 22 and later
    static boolean terminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // before JDK 22 a console exists only on a terminal
        }
    }

    boolean shown() {
        return shown;
    }

    /**
     * Reports {@code done} of {@code total} {@code unit}s; draws when the last drawing is old enough or the work is
     * done (then the line is cleared).
     */
    synchronized void update(long done, long total, String unit, String what) {
        if (!shown || total <= 0) {
            return;
        }
        long now = nanos.getAsLong();
        if (start == Long.MIN_VALUE) {
            start = now;
        }
        if (done >= total) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            start = Long.MIN_VALUE;
            drawn = Long.MIN_VALUE;
            width = 0;
            return;
        }
        if (drawn != Long.MIN_VALUE && now - drawn < EVERY.toNanos()) {
            return;
        }
        drawn = now;
        String line = render(done, total, unit, what, Duration.ofNanos(now - start));
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = Math.max(width, line.length());
        err.flush();
    }

    /** The line for {@code done} of {@code total} after {@code elapsed}: {@code [###...] 120/400 runs, about 12 s left}. */
    static String render(long done, long total, String unit, String what, Duration elapsed) {
        int filled = (int) Math.min(BAR, BAR * done / total);
        String left;
        // the first calls are the slowest (class loading, JIT): no estimate before 5% is done or 3 s have passed
        if (done == 0 || elapsed.toMillis() < 500 || (done * 20 < total && elapsed.toMillis() < 3000)) {
            left = "estimating the time left";
        } else {
            double seconds = elapsed.toNanos() / 1e9 * (total - done) / done;
            left = seconds < 1.5
                    ? "about 1 s left"
                    : seconds < 90
                            ? String.format(Locale.ROOT, "about %d s left", Math.round(seconds))
                            : String.format(Locale.ROOT, "about %d min left", Math.round(seconds / 60));
        }
        String line = String.format(
                Locale.ROOT,
                "[%s%s] %d/%d %s, %s",
                "#".repeat(filled),
                ".".repeat(BAR - filled),
                done,
                total,
                unit,
                left);
        return what.isBlank() ? line : line + "  " + what;
    }
}
