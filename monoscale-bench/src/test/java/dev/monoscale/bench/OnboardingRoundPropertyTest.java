package dev.monoscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Stage;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Task;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.synthesis.CardWarmupSynthesizer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The paper's promises over generated worlds and round sequences (seeded; the failing world's seed is in the
 * message): a fallback leaves routing on the old workers exactly as it was, and an accepted update stays within δ
 * with a gain whose lower bound is above zero.
 */
class OnboardingRoundPropertyTest {

    private static final int WORLDS = 25;
    private final MemoryRouting routing =
            MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());

    @Test
    void a_fallback_leaves_routing_on_the_old_workers_exactly_as_it_was() {
        int fallbacks = 0;
        for (long seed = 1; seed <= WORLDS; seed++) {
            double delta = seed % 3 == 0 ? 1e-6 : RoundConfig.defaults().gate().delta();
            for (Step step : rounds(seed, delta)) {
                if (step.report().gate().outcome() != GateRecord.Outcome.FALLBACK) {
                    continue;
                }
                fallbacks++;
                for (Task task : step.world().evaluationTasks(40)) {
                    Plan before = step.before().route(task);
                    Plan after = step.after().route(task);
                    assertThat(after.workers())
                            .as("world %d, %s, task %s", seed, step.report().version(), task.id())
                            .isEqualTo(before.workers());
                    for (int i = 0; i < before.steps().size(); i++) {
                        StepDecision old = before.steps().get(i);
                        StepDecision now = after.steps().get(i);
                        for (AgentId worker : old.policy().workers()) {
                            assertThat(now.policy().probability(worker))
                                    .as("world %d, task %s, step %d, %s", seed, task.id(), i, worker)
                                    .isEqualTo(old.policy().probability(worker));
                        }
                    }
                }
            }
        }
        assertThat(fallbacks).as("fallbacks seen").isGreaterThan(WORLDS / 3);
    }

    @Test
    void an_accepted_update_stays_within_delta_with_a_gain_bounded_above_zero() {
        SplittableRandom deltas = new SplittableRandom(7);
        int accepted = 0;
        for (long seed = 1; seed <= WORLDS; seed++) {
            double delta = 0.05 + deltas.nextDouble() * 4;
            for (Step step : rounds(seed, delta)) {
                GateRecord gate = step.report().gate();
                if (gate.outcome() != GateRecord.Outcome.ACCEPTED) {
                    continue;
                }
                accepted++;
                GateRecord.CandidateScore chosen = gate.candidates().stream()
                        .filter(c -> c.name().equals(gate.chosen().orElseThrow()))
                        .findFirst()
                        .orElseThrow();
                assertThat(chosen.kl())
                        .as("world %d, %s: KL", seed, step.report().version())
                        .isLessThanOrEqualTo(delta);
                assertThat(chosen.gainLow())
                        .as(
                                "world %d, %s: gain lower bound",
                                seed, step.report().version())
                        .isPositive();
                assertThat(gate.delta()).isEqualTo(delta);
                for (GateRecord.CandidateScore other : gate.candidates()) {
                    if (other.withinTrustRegion() && other.gainLow() > 0) {
                        assertThat(chosen.gain())
                                .as("world %d: the best gain inside the region wins", seed)
                                .isGreaterThanOrEqualTo(other.gain());
                    }
                }
            }
        }
        assertThat(accepted).as("accepted updates seen").isPositive();
    }

    private record Step(SimWorld world, RoundReport report, PolicyRouter before, PolicyRouter after) {}

    private List<Step> rounds(long seed, double delta) {
        SimWorld world = SimWorld.create(GeneratedWorlds.generate(seed), seed);
        InMemoryMemoryStore store = new InMemoryMemoryStore();
        OnboardingRound onboarding = new OnboardingRound(
                new OnboardingRound.Parts(
                        new CardWarmupSynthesizer(world),
                        world::worker,
                        world.checker(),
                        new EvidenceDistiller(),
                        routing,
                        store,
                        InstantSource.fixed(Instant.EPOCH)),
                new RoundConfig(20, 4, new GateConfig(delta, 0.05, 200), seed),
                GatePolicy.GATED,
                PoolKind.SPECIALISTS);
        List<Stage> stages = world.stages();
        store.append(RoutingMemory.initial(stages.getFirst().pool().ids(), Instant.EPOCH));
        List<Step> steps = new ArrayList<>();
        for (int k = 1; k < stages.size(); k++) {
            Stage stage = stages.get(k);
            PolicyRouter before =
                    routing.router(stages.get(k - 1).pool(), store.head().orElseThrow());
            List<AgentCard> joined = stage.added().stream().map(world::card).toList();
            RoundReport report = onboarding.run(stages.get(k - 1).pool(), joined, WarmupExecutor.Progress.NONE);
            steps.add(new Step(
                    world,
                    report,
                    before,
                    routing.router(stage.pool(), store.head().orElseThrow())));
        }
        return steps;
    }
}
