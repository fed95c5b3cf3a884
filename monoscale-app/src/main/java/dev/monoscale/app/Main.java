package dev.monoscale.app;

import dev.monoscale.app.cli.MonoscaleCommand;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** {@code monoscale}: the CLI. Exit codes: 0 done, 1 the work failed, 2 bad input or usage. */
public final class Main {

    private Main() {}

    /** Lucene warns when the JDK vector incubator module is absent; BM25 over a few cards does not need it. */
    private static final java.util.logging.Logger LUCENE_VECTORS =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    public static void main(String[] args) {
        LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
        System.exit(run(
                args,
                new PrintWriter(System.out, true, Charset.defaultCharset()),
                new PrintWriter(System.err, true, Charset.defaultCharset())));
    }

    /** Runs the CLI with the given streams and returns the exit code; used by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return MonoscaleCommand.commandLine(out, err).execute(args);
    }
}
