package dev.monoscale.app.cli;

import picocli.CommandLine.Option;

/** {@code --quiet}: no progress line, even on a terminal. Progress is never drawn into a pipe or a file anyway. */
final class QuietOption {

    @Option(names = "--quiet", description = "Draw no progress on the terminal (progress never goes into a pipe or a file).")
    boolean quiet;
}
