package dev.monoscale.app.cli;

import picocli.CommandLine.Option;

/** {@code --quiet}: no progress line, even on a terminal. Progress is never drawn into a pipe or a file anyway. */
final class QuietOption {

    @Option(
            names = "--quiet",
            description = "Draw no progress line on the terminal (it never goes into a pipe or a file).")
    boolean quiet;
}
