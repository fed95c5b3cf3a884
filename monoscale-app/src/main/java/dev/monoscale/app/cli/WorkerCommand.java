package dev.monoscale.app.cli;

import dev.monoscale.a2a.A2aAgent;
import dev.monoscale.a2a.A2aClientConfig;
import dev.monoscale.a2a.A2aDiscovery;
import dev.monoscale.a2a.A2aWorkers;
import dev.monoscale.core.Worker;
import dev.monoscale.execution.WarmupEngine;
import dev.monoscale.resilience.ResilienceConfig;
import dev.monoscale.resilience.ResilientWorkers;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monoscale worker}: makes the warm-up calls of rounds that {@code onboard --engine temporal} submits, with the
 * workers of the same world, until stopped. Any number of these run on any machines; a round finishes as long as one
 * of them is up, and a call one of them finished is never made again.
 */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the warm-up calls of onboarding rounds on Temporal (onboard --engine temporal) with the workers",
            "of --world, until stopped (Ctrl-C or a signal). Give it the same --world, --seed and --card as the",
            "onboard it serves. Prints one line per call."
        })
final class WorkerCommand implements Callable<Integer> {

    @Option(
            names = "--world",
            defaultValue = "paper-noisy",
            description = "A built-in world or a world spec file (default: ${DEFAULT-VALUE}).")
    String world;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "The world's seed, as given to onboard (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--card",
            description = "An A2A agent onboarded with onboard --card: a card file (played by the simulated world) "
                    + "or the agent's URL.")
    String card;

    @Option(
            names = "--token-env",
            description = "The environment variable holding the bearer token for an agent whose card asks for one.")
    String tokenEnv;

    @Option(
            names = "--calls-per-second",
            defaultValue = "0",
            description = "Start at most this many calls per second in this process; "
                    + "0 for no limit (default: ${DEFAULT-VALUE}).")
    double callsPerSecond;

    @CommandLine.Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (engine.engine.equals(EngineOptions.IN_PROCESS)) {
            engine.engine = "temporal"; // a worker serves an engine: Temporal is the only one so far
        }
        engine.remote();
        SimWorld sim = SimWorld.create(WorldSpecs.load(world), seed);
        A2aClientConfig client = tokenEnv == null
                ? A2aClientConfig.defaults()
                : A2aClientConfig.defaults().withToken(tokenEnv, System::getenv);
        A2aAgent remote = card != null && A2aDiscovery.isUrl(card) ? new A2aDiscovery(client).discover(card) : null;
        Worker remoteWorker = remote == null ? null : A2aWorkers.connect(remote, client);
        var workers = new ResilientWorkers(ResilienceConfig.defaults())
                .wrap(id -> remoteWorker != null && id.equals(remoteWorker.id()) ? remoteWorker : sim.worker(id));
        WarmupEngine.Settings settings = engine.settings(callsPerSecond, "");
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (WarmupEngine.Remote calls = engine.find().connect(settings)) {
            Thread hook = new Thread(
                    () -> {
                        calls.close();
                        stopped.countDown();
                    },
                    "monoscale-worker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            calls.serve(workers, sim.taskNotes(), line -> {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            });
            synchronized (out) {
                out.printf(
                        "worker: serving calls of world %s (seed %d) on queue %s at %s; Ctrl-C stops%n",
                        sim.name(), seed, settings.queue(), settings.target());
                out.flush();
            }
            stopped.await();
        }
        return 0;
    }
}
