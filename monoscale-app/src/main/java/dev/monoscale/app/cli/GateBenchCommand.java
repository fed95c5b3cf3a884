package dev.monoscale.app.cli;

import dev.monoscale.bench.GateCalibration;
import dev.monoscale.bench.GateCalibrationReport;
import dev.monoscale.bench.RoundVariant;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.WorldGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monoscale bench gate}: how often each gate accepts a harmful update, and how often it adopts a good one. */
@Command(
        name = "gate",
        mixinStandardHelpOptions = true,
        description = {
            "Calibrate the gate: onboarding rounds on generated worlds (world generate --seed S), where the true "
                    + "accuracy of every memory is known,",
            "each run under every registered round variant on the same world and seed ('legacy' is the gate as it "
                    + "is today).",
            "Reports harmfulAcceptanceRate (accepted with true gain < 0), adoptionRate (among rounds where a "
                    + "candidate gains >= 3 points,",
            "accepted with true gain > 0), meanRealisedGain and meanWarmupTasks per variant, side by side. Wall "
                    + "time goes to stderr."
        })
final class GateBenchCommand implements Callable<Integer> {

    @Option(
            names = "--rounds",
            defaultValue = "200",
            description = "Rounds, one generated world each (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--first-seed",
            defaultValue = "1",
            description = "The first round's seed; round i uses first-seed + i (default: ${DEFAULT-VALUE}).")
    long firstSeed;

    @CommandLine.Mixin
    RoundOptions options;

    @Option(names = "--threads", description = "Rounds run at once (default: the number of processors).")
    Integer threads;

    @Option(
            names = "--variants",
            split = ",",
            description = "Round variants to compare, side by side (default: every registered one; also available: "
                    + "no-gate).")
    java.util.List<String> variants;

    @CommandLine.Mixin
    Formats output = new Formats();

    @Option(names = "--out", description = "Also write the report to this file (in the chosen format).")
    Path out;

    @CommandLine.Mixin
    QuietOption quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.check();
        if (rounds < 1 || rounds > 100_000) {
            throw new InvalidInputException(
                    "--rounds", "rounds", Integer.toString(rounds), "a whole number in [1, 100000]");
        }
        int available = Runtime.getRuntime().availableProcessors();
        int running = threads == null ? available : threads;
        if (running < 1 || running > 256) {
            throw new InvalidInputException(
                    "--threads", "threads", Integer.toString(running), "a whole number in [1, 256]");
        }
        var round = options.round(1);
        if (out != null) {
            Outputs.writableFile("--out", out);
        }
        GateCalibration bench = new GateCalibration(
                WorldGenerator::generate, chosen(), EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        GateCalibrationReport report =
                bench.run(new GateCalibration.Settings(rounds, firstSeed, round, running), progress(err, quiet.quiet));
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = output.json() ? report.json() : report.table();
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        err.printf(
                Locale.ROOT,
                "wall time %.1f s for %d rounds on %d threads (%d processors)%n",
                seconds,
                rounds,
                running,
                available);
        err.flush();
        if (out != null) {
            ExpansionCommand.write(out, text);
        }
        return 0;
    }

    private java.util.List<RoundVariant> chosen() {
        if (variants == null || variants.isEmpty()) {
            return RoundVariant.registered();
        }
        java.util.List<RoundVariant> available = RoundVariant.available();
        java.util.List<String> names =
                available.stream().map(RoundVariant::name).toList();
        java.util.List<RoundVariant> out = new java.util.ArrayList<>();
        for (String name : variants) {
            RoundVariant variant = available.stream()
                    .filter(v -> v.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(
                            "--variants", "round variant", "'" + name + "'", "one of " + names));
            if (out.stream().anyMatch(v -> v.name().equals(name))) {
                throw new InvalidInputException(
                        "--variants", "round variant", "'" + name + "'", "each variant named once");
            }
            out.add(variant);
        }
        return out;
    }

    private static GateCalibration.Progress progress(PrintWriter err, boolean quiet) {
        var bar = Progressing.bar(err, quiet);
        return (done, total, what) -> {
            synchronized (err) {
                bar.advanced(done, total, what);
            }
        };
    }
}
