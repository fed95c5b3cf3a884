package dev.monoscale.app.cli;

import dev.monoscale.sim.FailureMode;
import dev.monoscale.sim.WorldGenerator;
import dev.monoscale.sim.WorldSpec;
import dev.monoscale.sim.WorldSpecWriter;
import dev.monoscale.sim.WorldSpecs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code monoscale world}: look at a simulated world, or check a spec file. */
@Command(
        name = "world",
        mixinStandardHelpOptions = true,
        description = "Show, validate or generate a simulated world (a built-in name or a spec file; "
                + "see docs/world-spec.md).",
        subcommands = {WorldCommand.Show.class, WorldCommand.Validate.class, WorldCommand.Generate.class})
final class WorldCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Print a world's skills, families, workers (with their hidden profiles) and stages.")
    static final class Show implements Runnable {

        @Parameters(paramLabel = "WORLD", description = "paper-clean, paper-noisy, or a spec file")
        String world;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            WorldSpec w = WorldSpecs.load(world);
            PrintWriter out = spec.commandLine().getOut();
            out.println("world " + w.name() + ": " + w.description());
            out.println();
            out.println("skills:");
            w.skills().forEach(s -> out.println("  " + s.id() + " (" + s.outputFormat() + "): " + s.description()));
            out.println("families:");
            w.families()
                    .forEach(f -> out.println(String.format(
                            Locale.ROOT,
                            "  %-16s weight %.1f  %s",
                            f.id(),
                            f.weight(),
                            f.steps().stream().map(WorldSpec.StepSpec::skill).collect(Collectors.joining(" -> ")))));
            out.println("stages:");
            for (int k = 0; k < w.stages().size(); k++) {
                out.println("  " + k + ": + "
                        + w.stages().get(k).join().stream()
                                .map(Object::toString)
                                .collect(Collectors.joining(", ")));
            }
            out.println("workers (card name, hidden profile):");
            for (WorldSpec.WorkerSpec worker : w.workers()) {
                WorldSpec.Profile p = worker.profile();
                out.println(String.format(
                        Locale.ROOT,
                        "  %-16s %-22s skills %s, other %.2f%s",
                        worker.id(),
                        "'" + worker.card().name() + "'",
                        p.skills(),
                        p.otherSkills(),
                        p.failureModes().isEmpty()
                                ? ""
                                : ", "
                                        + p.failureModes().stream()
                                                .map(WorldCommand::describe)
                                                .collect(Collectors.joining("; "))));
            }
            out.flush();
        }
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = "Check a world spec file; print one line, exit 0 when it is valid and 2 when not.")
    static final class Validate implements Runnable {

        @Parameters(paramLabel = "FILE", description = "a world spec JSON file")
        String file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            WorldSpec w = WorldSpecs.load(file);
            spec.commandLine()
                    .getOut()
                    .println(String.format(
                            Locale.ROOT,
                            "ok: world '%s' with %d skills, %d families, %d workers, %d stages",
                            w.name(),
                            w.skills().size(),
                            w.families().size(),
                            w.workers().size(),
                            w.stages().size()));
            spec.commandLine().getOut().flush();
        }
    }

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = "Draw a random world from a seed (the kind bench gate runs on; the ranges are in "
                    + "docs/world-spec.md) and print its spec.")
    static final class Generate implements Runnable {

        @Option(names = "--seed", required = true, description = "The seed; the same seed gives the same world.")
        long seed;

        @Option(
                names = "--workers",
                description =
                        "How many workers, in [5, 20000] (default: drawn from the seed, 6 to 14); above 24, the large "
                                + "layout: all but 6 in the initial pool, then two rounds of 3 joiners.")
        Integer workers;

        @Option(names = "--out", description = "Write the spec to this file instead of printing it.")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            WorldSpec w = workers == null ? WorldGenerator.generate(seed) : WorldGenerator.generate(seed, workers);
            String json = WorldSpecWriter.json(w);
            if (out == null) {
                spec.commandLine().getOut().print(json);
            } else {
                ExpansionCommand.write(out, json);
                spec.commandLine()
                        .getOut()
                        .println(String.format(
                                Locale.ROOT,
                                "wrote world '%s' (%d skills, %d families, %d workers, %d stages) to %s",
                                w.name(),
                                w.skills().size(),
                                w.families().size(),
                                w.workers().size(),
                                w.stages().size(),
                                out));
            }
            spec.commandLine().getOut().flush();
        }
    }

    static String describe(FailureMode mode) {
        return switch (mode) {
            case FailureMode.ExaggeratedCard(var skills, var success) ->
                String.format(Locale.ROOT, "exaggerated card on %s (really %.2f)", skills, success);
            case FailureMode.BrokenTool(var skill) -> "broken tool on " + skill;
            case FailureMode.SilentWrongAnswer(var skill, var rate) ->
                String.format(Locale.ROOT, "silent wrong answers on %s at %.2f", skill.orElse("every skill"), rate);
            case FailureMode.InterfaceConstraint(var from, var formats) ->
                "refuses input from " + from + " or in formats " + formats;
            case FailureMode.FlakyTimeout(var rate) -> String.format(Locale.ROOT, "times out at %.2f", rate);
            case FailureMode.OverClaimingGeneralist(var success) ->
                String.format(Locale.ROOT, "over-claiming generalist (really %.2f)", success);
        };
    }
}
