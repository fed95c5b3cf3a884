package dev.monoscale.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code monoscale bench}: the quality and speed benchmarks. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run a benchmark.",
        subcommands = {
            ExpansionCommand.class,
            ReplayCommand.class,
            RouterBenchCommand.class,
            LlmRouterBenchCommand.class,
            OnboardingBenchCommand.class,
            GateBenchCommand.class
        })
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
