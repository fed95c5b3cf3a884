package dev.monoscale.app.cli;

import dev.monoscale.app.Charts;
import dev.monoscale.app.Wiring;
import dev.monoscale.bench.ExpansionBenchmark;
import dev.monoscale.bench.ExpansionReport;
import dev.monoscale.bench.ExpansionReports;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.sim.WorldSpecs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code monoscale demo}: the 60-second offline tour, the expansion benchmark on the noisy world. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Run the expansion benchmark on the built-in paper-noisy world, print the table, and write a PNG chart and the JSON report.")
final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--out-dir",
            defaultValue = "monoscale-out",
            description = "Where the chart and the JSON report go (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Mixin
    ExpansionOptions options;

    @CommandLine.Mixin
    QuietOption quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var round = options.validate();
        Outputs.writableDirectory("--out-dir", outDir);
        String world = "paper-noisy";
        PrintWriter out = spec.commandLine().getOut();
        out.println("MonoScale demo: the pool grows 3 -> 5 -> 7 -> 10 in the simulated world '" + world
                + "', where some joining workers over-claim, exaggerate their cards, break or answer wrong.");
        out.println();
        ExpansionReport report = Wiring.expansion(
                        WorldSpecs.builtIn(world),
                        EmbeddedRouterConfig.defaults().withTemperature(options.temperature),
                        round)
                .run(
                        ExpansionBenchmark.Settings.of(options.firstSeed, options.seeds, options.tasks),
                        Progressing.bar(spec.commandLine().getErr(), quiet.quiet));
        out.print(ExpansionReports.table(report));
        Path json = outDir.resolve("demo-" + world + ".json");
        ExpansionCommand.write(json, ExpansionReports.json(report));
        Path chart = Charts.expansion(report, outDir.resolve("demo-" + world + ".png"));
        out.println();
        out.println("chart:  " + chart);
        out.println("report: " + json);
        out.flush();
        return 0;
    }
}
