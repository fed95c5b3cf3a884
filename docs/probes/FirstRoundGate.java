import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Stage;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.onboarding.Onboarding;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * A probe, not part of MonoScale: the gate record of the stage-1 round on a built-in world, for seeds 1..5, with
 * failures learned (MonoScale) and ignored (the monoscale-no-failures ablation of bench expansion), built as that
 * benchmark builds them. Run it from the repository's root once the CLI is built:
 *
 * <pre>java -cp monoscale-app/target/monoscale.jar docs/probes/FirstRoundGate.java paper-clean</pre>
 */
public class FirstRoundGate {
    public static void main(String[] args) {
        String worldName = args.length > 0 ? args[0] : "paper-noisy";
        for (long seed = 1; seed <= 5; seed++) {
            for (EvidenceDistiller.Failures failures : EvidenceDistiller.Failures.values()) {
                SimWorld world = SimWorld.create(WorldSpecs.builtIn(worldName), seed);
                MemoryRouting routing =
                        MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
                MemoryStore store = new InMemoryMemoryStore();
                OnboardingRound.Parts parts = Onboarding.parts(
                        world,
                        world::worker,
                        new EvidenceDistiller(failures, EvidenceDistiller.Reach.PATTERNS),
                        routing,
                        store,
                        InstantSource.fixed(Instant.EPOCH));
                Onboarding onboarding = new Onboarding(
                        parts, RoundConfig.defaults().withSeed(world.seed()), GatePolicy.GATED, PoolKind.SPECIALISTS);
                Stage start = world.stages().get(0);
                Stage first = world.stages().get(1);
                onboarding.start(start.pool().ids());
                List<AgentCard> joined = first.added().stream()
                        .map(id -> first.pool().find(id).orElseThrow())
                        .toList();
                RoundReport report = onboarding.round(start.pool(), joined);
                System.out.println("seed " + seed + ", failures " + failures + ": " + report.gate().reason());
            }
        }
    }
}
