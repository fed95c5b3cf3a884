package dev.monoscale.app.cli;

import dev.monoscale.app.Wiring;
import dev.monoscale.bench.ExpansionBenchmark;
import dev.monoscale.bench.ExpansionReport;
import dev.monoscale.bench.ExpansionReports;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.sim.WorldSpec;
import dev.monoscale.sim.WorldSpecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code monoscale bench expansion}: grow a world's pool stage by stage and score every method. */
@Command(
        name = "expansion",
        mixinStandardHelpOptions = true,
        description = {
            "Grow a world's pool stage by stage (3 -> 5 -> 7 -> 10 in the built-in worlds) and score every method on the same held-out tasks with the same seeds.",
            "Methods: naive (embedded router on the whole pool, cards only), fixed (the initial pool), random, oracle (knows the hidden profiles: the ceiling)."
        })
final class ExpansionCommand implements Callable<Integer> {

    @Option(
            names = "--world",
            defaultValue = "paper-noisy",
            description =
                    "A built-in world (paper-clean, paper-noisy) or a world spec JSON file (default: ${DEFAULT-VALUE}).")
    String world;

    @CommandLine.Mixin
    Formats output = new Formats();

    @Option(names = "--out", description = "Also write the report to this file (in the chosen format).")
    Path out;

    @Mixin
    ExpansionOptions options;

    @CommandLine.Mixin
    QuietOption quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.check();
        var round = options.validate();
        if (out != null) {
            Outputs.writableFile("--out", out);
        }
        WorldSpec worldSpec = WorldSpecs.load(world);
        EmbeddedRouterConfig router = EmbeddedRouterConfig.defaults().withTemperature(options.temperature);
        ExpansionReport report = Wiring.expansion(worldSpec, router, round)
                .run(
                        ExpansionBenchmark.Settings.of(options.firstSeed, options.seeds, options.tasks),
                        Progressing.bar(spec.commandLine().getErr(), quiet.quiet));
        String text = output.json() ? ExpansionReports.json(report) : ExpansionReports.table(report);
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        if (out != null) {
            write(out, text);
        }
        return 0;
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
