package dev.monoscale.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.execution.PlanExecution;
import dev.monoscale.execution.WarmupEngine;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.gate.GateRule;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryDiff;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.onboarding.Onboarding;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rounds on Temporal's in-process test environment: the warm-up calls are activities of the warm-up workflow, made by
 * a Temporal worker with the simulated world's workers, and the round around them is the same code as in process.
 */
class TemporalRoundTest {

    private static final String QUEUE = "monoscale-test";
    private static final SimWorld WORLD = SimWorld.create(WorldSpecs.load("paper-noisy"), 3);
    /** The worker's copy of the world, as in another process: it knows no task until a call's note tells it. */
    private static final SimWorld WORKERS = SimWorld.create(WorldSpecs.load("paper-noisy"), 3);

    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static TestWorkflowEnvironment env;

    @BeforeAll
    static void startTemporal() {
        env = TestWorkflowEnvironment.newInstance();
        io.temporal.worker.Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(WarmupWorkflowImpl.class);
        worker.registerActivitiesImplementations(new WarmupCallsImpl(WORKERS::worker, WORKERS.taskNotes(), CALLS::add));
        env.start();
    }

    @AfterAll
    static void stopTemporal() {
        env.close();
    }

    @Test
    void a_round_on_temporal_writes_the_same_memory_as_the_round_in_process_for_the_same_seed() {
        RoundConfig config = new RoundConfig(12, 4, GateConfig.defaults(), 3);

        List<RoutingMemory> inProcess = grow(PlanExecution.inProcess(WORLD::worker, WORLD.checker()), config);
        List<RoutingMemory> onTemporal = grow(temporal("same-memory"), config);

        assertThat(onTemporal).hasSize(3).isEqualTo(inProcess);
        assertThat(MemoryDiff.between(onTemporal.getFirst(), onTemporal.getLast())
                        .isEmpty())
                .as("the rounds learned something: entries, or new workers validated")
                .isFalse();
    }

    @Test
    void a_holdout_round_runs_each_batch_as_its_own_workflow_and_still_writes_the_same_memory() {
        RoundConfig config = new RoundConfig(
                12, 4, GateConfig.defaults().withRule(GateRule.HOLDOUT).withLooks(3), 7);
        List<String> notes = new CopyOnWriteArrayList<>();

        List<RoutingMemory> inProcess = grow(PlanExecution.inProcess(WORLD::worker, WORLD.checker()), config);
        List<RoutingMemory> onTemporal = grow(
                new TemporalExecution(
                        env.getWorkflowClient(), settings("holdout"), WORLD.checker(), WORLD.taskNotes(), notes::add),
                config);

        assertThat(onTemporal).isEqualTo(inProcess);
        assertThat(notes).allMatch(note -> note.contains(" started, ")).hasSizeGreaterThan(2);
    }

    @Test
    void submitting_a_round_again_finds_its_finished_workflow_and_makes_no_call_twice() {
        RoundConfig config = new RoundConfig(6, 2, GateConfig.defaults(), 11);
        List<String> notes = new CopyOnWriteArrayList<>();
        PlanExecution execution = new TemporalExecution(
                env.getWorkflowClient(), settings("again"), WORLD.checker(), WORLD.taskNotes(), notes::add);

        List<RoutingMemory> first = grow(execution, config);
        int calls = CALLS.size();
        List<RoutingMemory> second = grow(execution, config);

        assertThat(CALLS).hasSize(calls);
        assertThat(second).isEqualTo(first);
        assertThat(notes).anyMatch(note -> note.contains("already started; waiting for it"));
    }

    /** A fresh memory grown through stage 2 of the world, on a fixed clock, so two runs can be compared whole. */
    private static List<RoutingMemory> grow(PlanExecution execution, RoundConfig config) {
        InMemoryMemoryStore store = new InMemoryMemoryStore();
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-06T00:00:00Z"));
        var routing = MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
        var parts = Onboarding.parts(WORLD, WORLD::worker, new EvidenceDistiller(), routing, store, clock);
        new Onboarding(parts, config, GatePolicy.GATED, PoolKind.SPECIALISTS, execution)
                .throughStage(WORLD.stages(), 2, WORLD::card, WarmupExecutor.Progress.NONE, report -> {});
        return store.history();
    }

    private static PlanExecution temporal(String round) {
        return new TemporalExecution(
                env.getWorkflowClient(), settings(round), WORLD.checker(), WORLD.taskNotes(), note -> {});
    }

    private static WarmupEngine.Settings settings(String round) {
        return new WarmupEngine.Settings("in-process", "default", QUEUE, Duration.ofMinutes(1), 0, round);
    }
}
