package dev.monoscale.app.cli;

import dev.monoscale.app.Stores;
import dev.monoscale.app.live.LiveCommands;
import dev.monoscale.app.service.LiveRouter;
import dev.monoscale.app.service.RouteViews;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Pool;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerScore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code monoscale route}: how the embedded router with memory would route a task, and why. */
@Command(
        name = "route",
        mixinStandardHelpOptions = true,
        description = {
            "Route a task over a pool (a world's stage, A2A agents, or a live config) with the memory in --db (or none) and",
            "explain every step's choice. --format json prints the shape of the service's POST /api/v1/route (not with --config)."
        })
final class RouteCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TASK", description = "The task text.")
    String text;

    @Option(
            names = "--step",
            description = "A step of the task, in order; repeat for a chain (default: the task text as one step).")
    List<String> steps;

    @CommandLine.Mixin
    PoolOptions source = new PoolOptions();

    @Option(
            names = "--db",
            description = {
                "The memory: an SQLite file, or postgresql://USER@HOST[:PORT]/DATABASE[?schema=NAME] with the password in PGPASSWORD;",
                "without it, the empty memory over the initial pool."
            })
    String db;

    @Option(names = "--version", description = "Route with this memory version instead of the head, such as v1.")
    String version;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "With --config: the seed of the router's model calls (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Mixin
    Formats output = new Formats();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.check();
        if (text.isBlank()) {
            throw new InvalidInputException(
                    "TASK",
                    "task",
                    "'" + dev.monoscale.cards.Values.oneLine(text) + "' (blank)",
                    "the text of a task, with at least one word, such as \"Summarise this PDF\"");
        }
        for (int i = 0; steps != null && i < steps.size(); i++) {
            if (steps.get(i).isBlank()) {
                throw new InvalidInputException(
                        "--step",
                        "step " + (i + 1),
                        "'" + steps.get(i) + "' (blank)",
                        "the text of a step, with at least one word");
            }
        }
        try (PoolSource chosen = source.resolve(spec.commandLine().getErr())) {
            if (chosen instanceof PoolSource.Live live) {
                RoutingMemory memory = Stores.memory(
                        db, version, live.initial(), (store, v) -> MemoryCommand.Db.version(store, v, db));
                return LiveCommands.route(
                        live.world(), text, memory, seed, spec.commandLine().getOut());
            }
            return route(chosen);
        }
    }

    /** Routes with the embedded router and the memory over a world's stage or A2A agents, explaining every step. */
    private int route(PoolSource chosen) {
        Pool pool = chosen.pool();
        RoutingMemory memory =
                Stores.memory(db, version, chosen.initial(), (store, v) -> MemoryCommand.Db.version(store, v, db));
        List<String> texts = steps == null || steps.isEmpty() ? List.of(text) : steps;
        List<Subtask> subtasks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            subtasks.add(new Subtask(i, texts.get(i), i == 0 ? List.of() : List.of(i - 1)));
        }
        Task task = new Task(TaskId.of("cli"), text, subtasks);
        Plan plan = MemoryRouter.of(pool, memory, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults())
                .route(task);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.print(dev.monoscale.bench.ReportJson.write(RouteViews.tree(new LiveRouter.Routed(plan, memory))));
            out.flush();
            return 0;
        }
        out.printf(Locale.ROOT, "memory %s over %d workers (%s)%n", memory.version(), pool.size(), chosen.describe());
        for (StepDecision decision : plan.steps()) {
            out.printf(
                    Locale.ROOT,
                    "%nstep %d: %s%n  -> %s (p = %.3f)%n",
                    decision.step().index() + 1,
                    decision.step().text(),
                    decision.worker(),
                    decision.policy().probability(decision.worker()));
            decision.scores().stream()
                    .sorted(Comparator.comparingDouble(WorkerScore::probability).reversed())
                    .forEach(s -> out.printf(
                            Locale.ROOT,
                            "     %-16s p = %.3f  score %s  %s%n",
                            s.worker(),
                            s.probability(),
                            s.score() == Double.NEGATIVE_INFINITY
                                    ? "masked"
                                    : String.format(Locale.ROOT, "%.2f", s.score()),
                            String.join("; ", s.because())));
        }
        out.flush();
        return 0;
    }
}
