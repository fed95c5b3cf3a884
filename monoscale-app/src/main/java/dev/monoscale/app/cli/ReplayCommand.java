package dev.monoscale.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.bench.ExpansionReport;
import dev.monoscale.bench.ExpansionReports;
import dev.monoscale.bench.MonoScaleMethod;
import dev.monoscale.bench.ReplayBenchmark;
import dev.monoscale.bench.ReportJson;
import dev.monoscale.bench.SeedSummary;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.replay.ReplayCards;
import dev.monoscale.replay.ReplayDataset;
import dev.monoscale.replay.ReplayDatasets;
import dev.monoscale.replay.ReplayWorld;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monoscale bench replay}: MonoScale against real models' recorded answers. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ReplayCommand.Defaults.class,
        description = {
            "Grow a pool of real models stage by stage on recorded outcomes and score every method on the test split.",
            "Datasets: the generic layout (docs/replay-format.md), llmrouter-14task or mmlu-pro-routing, recognised from the files.",
            "Methods: monoscale, naive, random, best-single (on dev), category-router (fit on dev), linucb, thompson, oracle;",
            "with --cost-weight also cheapest-near-best, linucb-cost and oracle-reward, and every method's mean cost and reward.",
            "The warm-up budget is 100 questions per new model, not onboarding's 50: models here differ by a few points, and on 50",
            "questions the gate too often cannot show a strong newcomer's lead (docs/replay.md, \"The warm-up budget\")."
        })
final class ReplayCommand implements Callable<Integer> {

    @Option(
            names = "--dataset",
            required = true,
            description = "A dataset folder, such as ../shared/data/mmlu-pro-routing.")
    Path dataset;

    @Option(
            names = "--stages",
            description = {
                "A stages file: {\"stages\": [{\"added\": [model, ...]}, ...]}",
                "(default: the dataset's stages_and_anchors.json, else its stages.json)."
            })
    Path stages;

    @Option(
            names = "--cards",
            paramLabel = "DIR",
            description = {
                "A folder of A2A cards: every *.json under it, matched to a model by its name",
                "(default: the dataset's cards/ folder if it has one, else the built-in cards of the shipped datasets)."
            })
    Path cards;

    @Option(
            names = "--cost-weight",
            paramLabel = "LAMBDA",
            description = {
                "Cost-aware routing: the reward of a call is its score less LAMBDA times its",
                "cost in the dataset's cost unit; MonoScale learns from it and the report shows every method's mean cost and",
                "reward, with the cost-aware references. LAMBDA = 1/c: a call costing c units is worth one question (see docs/replay.md)."
            })
    Double costWeight;

    @Option(
            names = "--cost-epsilon",
            defaultValue = "0.02",
            description = {
                "With --cost-weight: cheapest-near-best takes the cheapest model within",
                "this much of the best dev accuracy (default: ${DEFAULT-VALUE})."
            })
    double costEpsilon;

    @CommandLine.Mixin
    Formats output = new Formats();

    @Option(names = "--out", description = "Also write the report to this file.")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of warm-up choices and the bandits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--seeds",
            defaultValue = "1",
            description = {
                "Run this many seeds, from --seed on, and print how MonoScale's accuracy varies",
                "with them: per stage the lowest, mean and highest, and in how many runs it is within 2 points of best-single (default: ${DEFAULT-VALUE})."
            })
    int seeds;

    @CommandLine.Mixin
    RoundOptions rounds;

    @CommandLine.Mixin
    QuietOption quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.check();
        if (!Files.isDirectory(dataset)) {
            throw new InvalidInputException(
                    "--dataset",
                    "dataset",
                    "'" + dataset + "'",
                    "a dataset folder such as ../shared/data/mmlu-pro-routing");
        }
        if (seeds < 1 || seeds > 100) {
            throw new InvalidInputException(
                    "--seeds", "seeds", Integer.toString(seeds), "a whole number of runs in [1, 100]");
        }
        if (costWeight != null && !(costWeight >= 0 && Double.isFinite(costWeight))) {
            throw new InvalidInputException(
                    "--cost-weight",
                    "cost-weight",
                    String.valueOf(costWeight),
                    "a finite number >= 0 (the worth of one cost unit, in questions)");
        }
        if (!(costEpsilon >= 0 && costEpsilon <= 1)) {
            throw new InvalidInputException(
                    "--cost-epsilon", "cost-epsilon", String.valueOf(costEpsilon), "a number in [0, 1]");
        }
        var round = rounds.round(seed);
        if (out != null) {
            Outputs.writableFile("--out", out);
        }
        ReplayDatasets.layout(dataset); // a folder in no known layout says so before it is asked for stages
        Path stagesFile = stages == null ? ReplayDatasets.defaultStages(dataset) : stages;
        ReplayDataset data = ReplayDatasets.load(dataset, stagesFile);
        Path ownCards = dataset.resolve("cards");
        ReplayCards cardSource = cards != null
                ? ReplayCards.folder(cards)
                : Files.isDirectory(ownCards) ? ReplayCards.folder(ownCards) : ReplayCards.builtIn();
        double lambda = costWeight == null ? 0 : costWeight;
        ReplayWorld first = ReplayWorld.of(data, seed, cardSource, lambda);
        var err = spec.commandLine().getErr();
        err.printf(
                "read %s as the %s layout: %d questions (%d dev, %d test), %d models%s; stages from %s; cards from %s%n",
                dataset,
                data.layout(),
                data.questions().size(),
                data.dev().size(),
                data.test().size(),
                data.models().size(),
                data.costUnit().map(unit -> ", cost in " + unit).orElse(""),
                stagesFile,
                cardSource.source());
        err.flush();
        ReplayBenchmark bench = new ReplayBenchmark(
                MonoScaleMethod.forGeneralists(round, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()),
                EmbeddedRouterConfig.defaults());
        if (costWeight != null) {
            bench = bench.costAware(costEpsilon);
        }
        List<ExpansionReport> runs = new ArrayList<>();
        for (long s = seed; s < seed + seeds; s++) {
            ReplayWorld world = s == seed ? first : ReplayWorld.of(data, s, cardSource, lambda);
            runs.add(bench.run(world, Progressing.bar(spec.commandLine().getErr(), quiet.quiet)));
        }
        String text = seeds == 1
                ? (output.json() ? ExpansionReports.json(runs.getFirst()) : ExpansionReports.table(runs.getFirst()))
                : summary(runs);
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        if (out != null) {
            ExpansionCommand.write(out, text);
        }
        return 0;
    }

    /** The round options' defaults here: {@code RoundConfig.defaults()}, but {@value #WARMUP_TASKS} warm-up tasks. */
    static final class Defaults implements CommandLine.IDefaultValueProvider {
        static final int WARMUP_TASKS = 100;

        @Override
        public @Nullable String defaultValue(CommandLine.Model.ArgSpec argument) {
            return argument instanceof CommandLine.Model.OptionSpec option
                            && option.longestName().equals("--warmup-tasks")
                    ? Integer.toString(WARMUP_TASKS)
                    : null;
        }
    }

    /** Several seeds: the summary of MonoScale against best-single, and (as JSON) every run's report. */
    private String summary(List<ExpansionReport> runs) {
        SeedSummary summary = SeedSummary.of(runs, "monoscale", "best-single", 0.02);
        if (!output.json()) {
            return "world " + runs.getFirst().world() + ", " + runs.getFirst().tasksPerStage() + " held-out tasks\n"
                    + summary.table();
        }
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("world", runs.getFirst().world());
        root.set("summary", ReportJson.MAPPER.valueToTree(summary));
        ArrayNode reports = root.putArray("runs");
        runs.forEach(run -> reports.add(ExpansionReports.node(run)));
        return ReportJson.write(root);
    }
}
