package dev.monoscale.app.cli;

import dev.monoscale.a2a.A2aAgent;
import dev.monoscale.a2a.A2aClientConfig;
import dev.monoscale.a2a.A2aDiscovery;
import dev.monoscale.a2a.A2aWorkers;
import dev.monoscale.app.RoundReports;
import dev.monoscale.app.Stores;
import dev.monoscale.app.live.LiveCommands;
import dev.monoscale.app.live.LiveConfigs;
import dev.monoscale.app.live.LiveWorld;
import dev.monoscale.cards.A2aCards;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Stage;
import dev.monoscale.core.Worker;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.execution.WarmupEngine;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.onboarding.Onboarding;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.resilience.ResilienceConfig;
import dev.monoscale.resilience.ResilientWorkers;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monoscale onboard}: run onboarding rounds on a world and keep the memory in a database file. */
@Command(
        name = "onboard",
        mixinStandardHelpOptions = true,
        description = {
            "Run the onboarding round(s) that bring the memory in --db up to --stage of a simulated world: warm-up tasks from the cards,",
            "parallel runs, distillation into candidate memories, and the trust-region gate. Stages already onboarded are skipped, so",
            "re-running after a crash resumes. With --card, onboard that A2A agent into the world's pool at --stage instead: a card file",
            "is played by the simulated world; a URL (the agent's base URL or its card URL) is called over A2A."
        })
final class OnboardCommand implements Callable<Integer> {

    @Option(
            names = "--world",
            defaultValue = "paper-noisy",
            description = "A built-in world or a world spec file (default: ${DEFAULT-VALUE}).")
    String world;

    @Option(names = "--stage", description = "Onboard up to this stage (default: the last).")
    Integer stage;

    @Option(
            names = "--card",
            description = {
                "An A2A agent to onboard into the world's pool at --stage: a card file, or the agent's URL.",
                "With --config: the configured worker to onboard, by its id, card file or URL."
            })
    String card;

    @Option(
            names = "--token-env",
            description =
                    "The environment variable holding the bearer token (or API key) for an agent whose card asks for one.")
    String tokenEnv;

    @Option(
            names = "--db",
            defaultValue = "monoscale-memory.db",
            description = {
                "The memory: an SQLite file, or postgresql://USER@HOST[:PORT]/DATABASE[?schema=NAME] with the password in PGPASSWORD;",
                "created when absent (default: ${DEFAULT-VALUE})."
            })
    String db;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "The world's and the round's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Mixin
    RoundOptions rounds;

    @Option(names = "--no-gate", description = "Accept every update (an ablation; never for real use).")
    boolean noGate;

    @CommandLine.Mixin
    Formats output = new Formats();

    @Option(
            names = "--config",
            description = {
                "A live world config (monoscale.yaml or .json): onboard the worker of --card among its workers,",
                "with the LLM synthesizer, judge, distiller and router, or model-free when the config has no router."
            })
    Path config;

    @CommandLine.Mixin
    QuietOption quiet;

    @CommandLine.Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.check();
        RoundConfig round = rounds.round(seed);
        if (config != null && engine.remote()) {
            throw new InvalidInputException(
                    "--engine",
                    "engine",
                    "'" + engine.engine + "' with --config",
                    "in-process with --config (rounds on Temporal take --world, with or without --card, for now)");
        }
        // a command that fails leaves no new database behind: only one that holds a finished round is kept
        java.util.Optional<Stores.NewMemory> fresh = Stores.newMemory(db);
        try {
            return config != null ? live(round) : simulated(round);
        } catch (RuntimeException e) {
            fresh.ifPresent(Stores.NewMemory::discardIfNoRound);
            throw e;
        }
    }

    private int simulated(RoundConfig round) {
        SimWorld sim = SimWorld.create(WorldSpecs.load(world), seed);
        List<Stage> stages = sim.stages();
        int target = stage == null ? stages.size() - 1 : stage;
        if (target < 0 || target >= stages.size() || (card != null && target < 1)) {
            throw new InvalidInputException(
                    "--stage",
                    "stage",
                    Integer.toString(target),
                    "a stage of world '%s', %d to %d".formatted(sim.name(), card == null ? 0 : 1, stages.size() - 1));
        }
        A2aClientConfig client = tokenEnv == null
                ? A2aClientConfig.defaults()
                : A2aClientConfig.defaults().withToken(tokenEnv, System::getenv);
        A2aAgent remote = card != null && A2aDiscovery.isUrl(card) ? new A2aDiscovery(client).discover(card) : null;
        if (remote != null) {
            Credentials.check(
                    tokenEnv, remote, System::getenv, spec.commandLine().getErr());
        }
        AgentCard extra = card == null ? null : remote != null ? remote.card() : A2aCards.read(Path.of(card));
        Worker remoteWorker = remote == null ? null : A2aWorkers.connect(remote, client);
        PrintWriter out = spec.commandLine().getOut();
        // with --format json, stdout carries one document (printed at the end) and notes go to stderr
        PrintWriter notes = json() ? spec.commandLine().getErr() : out;
        boolean onEngine = engine.remote();
        WarmupEngine.Settings settings =
                onEngine ? engine.settings(0, "world=%s seed=%d db=%s".formatted(world, seed, db)) : null;
        try (WarmupEngine.Remote calls = onEngine ? engine.find().connect(Objects.requireNonNull(settings)) : null;
                MemoryStore store = Stores.open(db)) {
            var routing = MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
            var workers = new ResilientWorkers(ResilienceConfig.defaults())
                    .wrap(id -> remoteWorker != null && id.equals(remoteWorker.id()) ? remoteWorker : sim.worker(id));
            var parts = Onboarding.parts(sim, workers, new EvidenceDistiller(), routing, store, InstantSource.system());
            GatePolicy gated = noGate ? GatePolicy.UNGATED : GatePolicy.GATED;
            Onboarding onboarding = calls == null
                    ? new Onboarding(parts, round, gated, PoolKind.SPECIALISTS)
                    : new Onboarding(
                            parts,
                            round,
                            gated,
                            PoolKind.SPECIALISTS,
                            calls.execution(parts.checker(), sim.taskNotes(), line -> {
                                notes.println(line);
                                notes.flush();
                            }));
            boolean created = onboarding.start(stages.getFirst().pool().ids()).created();
            if (created) {
                var initial = stages.getFirst().pool().ids();
                notes.println("memory " + db + ": v0, the empty memory over "
                        + (initial.size() <= 24
                                ? initial
                                : initial.size() + " workers "
                                        + initial.subList(0, 3).toString().replace("]", ", ...]")));
                notes.flush();
            }
            List<RoundReport> reports = new ArrayList<>(onboarding.throughStage(
                    stages,
                    card == null ? target : target - 1,
                    sim::card,
                    Progressing.runs(spec.commandLine().getErr(), quiet.quiet),
                    report -> print(report, out)));
            if (extra != null) {
                Pool before = stages.get(target - 1).pool();
                if (before.contains(extra.id())) {
                    throw new InvalidInputException(
                            card, "name", "'" + extra.name() + "'", "a worker not already in the pool " + before.ids());
                }
                reports.add(print(
                        onboarding.round(
                                before,
                                List.of(extra),
                                Progressing.runs(spec.commandLine().getErr(), quiet.quiet)),
                        out));
            }
            if (reports.isEmpty()) {
                notes.println(String.format(
                        Locale.ROOT,
                        "memory %s is already onboarded up to stage %d (head %s); nothing to do",
                        db,
                        target,
                        store.head().orElseThrow().version()));
                notes.flush();
            }
            if (json()) {
                out.print(document(reports));
            }
            out.flush();
        }
        return 0;
    }

    /** As a table, each round is printed when it ends; as JSON, the rounds are one document printed at the end. */
    private RoundReport print(RoundReport report, PrintWriter out) {
        if (!json()) {
            out.print(RoundReports.text(report) + "\n");
            out.flush();
        }
        warnIfThin(report);
        return report;
    }

    private void warnIfThin(RoundReport report) {
        RoundReports.thinEvidence(report).ifPresent(line -> {
            spec.commandLine().getErr().println(line);
            spec.commandLine().getErr().flush();
        });
    }

    private boolean json() {
        return output.json();
    }

    /** {@code {"memory": DB, "rounds": [round, ...]}}: the rounds this run added, oldest first; none when there was nothing to do. */
    private String document(List<RoundReport> reports) {
        var root =
                com.fasterxml.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
        root.put("memory", db);
        var rounds = root.putArray("rounds");
        reports.forEach(report -> rounds.add(RoundReports.tree(report)));
        return dev.monoscale.bench.ReportJson.write(root);
    }

    /** The configured worker that {@code card} names by id or by its A2A entry's URL, if it names one. */
    private static java.util.Optional<AgentCard> configured(LiveWorld world, String card) {
        // an A2A worker named by the URL its entry gives: its card was fetched when the config was read
        for (var worker : world.config().workers()) {
            if (worker.endpoint() instanceof dev.monoscale.app.live.EndpointSpec.A2a a2a
                    && a2a.url().strip().equals(card.strip())) {
                return java.util.Optional.of(worker.card());
            }
        }
        if (!card.matches("[a-z0-9][a-z0-9-]*")) {
            return java.util.Optional.empty();
        }
        return world.pool().find(AgentId.of(card));
    }

    private int live(RoundConfig round) {
        if (card == null) {
            throw InvalidInputException.missing(
                    "--card", "card", "with --config, the card of the configured worker to onboard");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (LiveWorld world = LiveWorld.of(LiveConfigs.load(config));
                MemoryStore store = Stores.open(db)) {
            AgentCard joining = configured(world, card)
                    .orElseGet(() -> new A2aDiscovery(A2aClientConfig.defaults())
                            .discover(card)
                            .card());
            RoundReport report = LiveCommands.onboard(
                    world,
                    joining,
                    card,
                    store,
                    round,
                    noGate ? GatePolicy.UNGATED : GatePolicy.GATED,
                    Progressing.runs(spec.commandLine().getErr(), quiet.quiet),
                    InstantSource.system());
            out.print(json() ? document(List.of(report)) : RoundReports.text(report) + "\n");
            out.flush();
            warnIfThin(report);
        }
        out.flush();
        return 0;
    }
}
