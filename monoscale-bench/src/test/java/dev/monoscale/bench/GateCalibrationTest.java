package dev.monoscale.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.Skill;
import dev.monoscale.core.Stage;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.Evidence;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.WorkerGuidance;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldGenerator;
import dev.monoscale.sim.WorldSpec;
import dev.monoscale.synthesis.CardWarmupSynthesizer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateCalibrationTest {

    private static final RoundConfig SMALL = new RoundConfig(12, 2, new GateConfig(2.5, 0.05, 200), 1);
    private final MemoryRouting routing =
            MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());

    @Test
    void the_truth_of_the_lift_is_the_truth_of_the_head_on_the_old_pool_and_a_fallback_keeps_it() {
        int fallbacks = 0;
        for (long seed = 1; seed <= 3; seed++) {
            SimWorld world = SimWorld.create(WorldGenerator.generate(seed), seed);
            TrueAccuracy truth = new TrueAccuracy(world);
            assertThat(truth.exact()).isTrue();
            InMemoryMemoryStore store = new InMemoryMemoryStore();
            List<Stage> stages = world.stages();
            store.append(RoutingMemory.initial(stages.getFirst().pool().ids(), Instant.EPOCH));
            OnboardingRound.Parts parts = new OnboardingRound.Parts(
                    new CardWarmupSynthesizer(world),
                    world::worker,
                    world.checker(),
                    new EvidenceDistiller(),
                    routing,
                    store,
                    InstantSource.fixed(Instant.EPOCH));
            OnboardingRound round =
                    new OnboardingRound(parts, SMALL.withSeed(seed), GatePolicy.GATED, PoolKind.SPECIALISTS);
            for (int k = 1; k < stages.size(); k++) {
                RoutingMemory head = store.head().orElseThrow();
                double before = truth.of(routing.router(stages.get(k - 1).pool(), head));

                assertThat(truth.of(routing.router(stages.get(k).pool(), head)))
                        .as("seed %d, stage %d: the lift", seed, k)
                        .isEqualTo(before);

                RoundReport report = round.run(
                        stages.get(k - 1).pool(),
                        stages.get(k).added().stream().map(world::card).toList(),
                        WarmupExecutor.Progress.NONE);
                if (report.gate().outcome() == GateRecord.Outcome.FALLBACK) {
                    fallbacks++;
                    assertThat(truth.of(routing.router(
                                    stages.get(k).pool(), store.head().orElseThrow())))
                            .as("seed %d, stage %d: after a fallback", seed, k)
                            .isEqualTo(before);
                }
            }
        }
        assertThat(fallbacks).as("fallbacks seen").isPositive();
    }

    @Test
    void a_variant_that_always_accepts_a_harmful_memory_has_a_harmful_acceptance_rate_of_one() {
        List<RoundVariant> variants = List.of(stub("harmful", BAD), stub("helpful", GOOD), stub("fallback", null));
        GateCalibration bench = new GateCalibration(
                seed -> tinyWorld(), variants, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());

        GateCalibrationReport report =
                bench.run(new GateCalibration.Settings(3, 1, SMALL, 2), GateCalibration.Progress.NONE);

        assertThat(report.rounds()).isEqualTo(3);
        assertThat(report.opportunityRounds())
                .as("the helpful candidate gains far more than 3 points")
                .isEqualTo(3);
        GateCalibrationReport.VariantSummary harmful = report.variants().get(0);
        GateCalibrationReport.VariantSummary helpful = report.variants().get(1);
        GateCalibrationReport.VariantSummary fallback = report.variants().get(2);
        assertThat(harmful.harmfulAcceptanceRate()).isEqualTo(1.0);
        assertThat(harmful.adoptionRate()).isEqualTo(0.0);
        assertThat(harmful.meanRealisedGain()).isLessThan(-0.3);
        assertThat(helpful.harmfulAcceptanceRate()).isEqualTo(0.0);
        assertThat(helpful.adoptionRate()).isEqualTo(1.0);
        assertThat(helpful.meanRealisedGain()).isGreaterThan(0.3);
        assertThat(fallback.harmfulAcceptanceRate()).isEqualTo(0.0);
        assertThat(fallback.adoptionRate()).isEqualTo(0.0);
        assertThat(fallback.meanRealisedGain()).isEqualTo(0.0);
        assertThat(report.meanOpportunity()).isEqualTo(helpful.meanRealisedGain());
        assertThat(helpful.adoptionBySize())
                .as("every opportunity here is of 20 points or more")
                .extracting(GateCalibrationReport.Band::rounds, GateCalibrationReport.Band::adoptions)
                .containsExactly(tuple(0, 0), tuple(0, 0), tuple(0, 0), tuple(3, 3));
        assertThat(fallback.adoptionBySize().getLast().adoptions()).isZero();
        for (GateCalibration.RoundResult r : report.results()) {
            assertThat(r.variants().get(0).candidateGains()).containsOnlyKeys("prefer-bad", "prefer-good");
            GateCalibration.VariantOutcome first = r.variants().get(0);
            assertThat(first.realisedGain()).isEqualTo(first.candidateGains().get("prefer-bad"));
        }
        assertThat(report.json())
                .contains(
                        "\"rounds\" : 3",
                        "\"alpha\" : 0.05",
                        "\"harmfulAcceptanceRate\" : 1",
                        "\"adoptionRate\" : 1",
                        "\"meanRealisedGain\"",
                        "\"meanWarmupTasks\" : 0",
                        "\"meanWorkerCalls\" : 0",
                        "\"adoptionRounds\" : 3",
                        "\"adoptionBySize\"");
        assertThat(report.table()).contains("adoption >= 20 points", "1.000 (3/3)", "0.000 (0/3)");
    }

    @Test
    void an_opportunity_falls_in_the_band_of_its_size_and_a_gain_below_three_points_in_none() {
        assertThat(GateCalibrationReport.band(0.029)).isEqualTo(-1);
        assertThat(GateCalibrationReport.band(0.03)).isZero();
        assertThat(GateCalibrationReport.band(0.0499)).isZero();
        assertThat(GateCalibrationReport.band(0.05)).isEqualTo(1);
        assertThat(GateCalibrationReport.band(0.10)).isEqualTo(2);
        assertThat(GateCalibrationReport.band(0.20)).isEqualTo(3);
        assertThat(GateCalibrationReport.band(0.9)).isEqualTo(3);
    }

    @Test
    void the_report_does_not_depend_on_how_many_threads_ran_the_rounds() {
        GateCalibration bench = new GateCalibration(
                WorldGenerator::generate,
                List.of(RoundVariant.current()),
                EmbeddedRouterConfig.defaults(),
                MemoryRouterConfig.defaults());

        String one = bench.run(new GateCalibration.Settings(2, 5, SMALL, 1), GateCalibration.Progress.NONE)
                .json();
        String two = bench.run(new GateCalibration.Settings(2, 5, SMALL, 2), GateCalibration.Progress.NONE)
                .json();

        assertThat(two).isEqualTo(one);
        assertThat(one)
                .contains("\"name\" : \"legacy\"", "\"harmfulAcceptanceRate\"", "\"adoptionRate\"", "\"roundResults\"");
    }

    // A tiny world: one skill; the incumbent passes half the time, one joiner almost never, the other almost always.
    private static final AgentId INCUMBENT = AgentId.of("incumbent");
    private static final AgentId BAD = AgentId.of("bad");
    private static final AgentId GOOD = AgentId.of("good");

    private static WorldSpec tinyWorld() {
        WorldSpec.FamilySpec family = new WorldSpec.FamilySpec(
                "sums",
                1,
                "Add up {item}",
                Map.of("item", List.of("the invoices", "the receipts")),
                List.of(new WorldSpec.StepSpec("math", "Add up the amounts of {item}", List.of())));
        List<WorldSpec.StageSpec> stages =
                List.of(new WorldSpec.StageSpec(List.of(INCUMBENT)), new WorldSpec.StageSpec(List.of(BAD, GOOD)));
        return new WorldSpec(
                "tiny",
                "",
                List.of(new WorldSpec.SkillSpec("math", "adding up", "number")),
                List.of(family),
                List.of(worker(INCUMBENT, 0.5), worker(BAD, 0.0), worker(GOOD, 0.95)),
                stages,
                30_000);
    }

    private static WorldSpec.WorkerSpec worker(AgentId id, double success) {
        AgentCard card = new AgentCard(
                id,
                id.value(),
                "Adds up amounts",
                List.of(new Skill(
                        "add",
                        "Add up",
                        "Adds up the amounts",
                        List.of("add", "amounts"),
                        List.of("Add up the amounts"))),
                List.of("text"),
                List.of("text"),
                List.of(new Endpoint(URI.create("sim://tiny/" + id), "sim", "")),
                "1");
        return new WorldSpec.WorkerSpec(
                id, card, new WorldSpec.Profile(Map.of("math", success), 0, 100, 0.001, List.of()));
    }

    private static MemoryEntry preferring(AgentId worker) {
        return new MemoryEntry(
                MemoryEntryId.of("prefer-" + worker),
                MemoryEntry.ANY_TASK,
                "send every step to " + worker,
                List.of(WorkerGuidance.prefer(worker)),
                new Evidence(List.of("t1"), 1, 1),
                1.0);
    }

    /** A round that runs no warm-up: it proposes both default routes and accepts the one preferring {@code accepts}. */
    private static RoundVariant stub(String name, AgentId accepts) {
        return new RoundVariant(name, (parts, config, before, newcomers) -> {
            RoutingMemory head = parts.store().head().orElseThrow();
            List<CandidateMemory> candidates = List.of(
                    new CandidateMemory("prefer-bad", List.of(preferring(BAD))),
                    new CandidateMemory("prefer-good", List.of(preferring(GOOD))));
            List<MemoryEntry> added = accepts == null ? List.of() : List.of(preferring(accepts));
            GateRecord.Outcome outcome = accepts == null ? GateRecord.Outcome.FALLBACK : GateRecord.Outcome.ACCEPTED;
            List<AgentId> onboarded = newcomers.stream().map(AgentCard::id).toList();
            Optional<String> chosen = accepts == null ? Optional.empty() : Optional.of("prefer-" + accepts);
            GateRecord gate = new GateRecord(outcome, "stub", onboarded, 1, 0.05, 0, List.of(), chosen);
            List<MemoryEntry> entries = new ArrayList<>(head.entries());
            entries.addAll(added);
            RoutingMemory next = head.next(head.validated(), entries, gate, Instant.EPOCH);
            parts.store().append(next);
            return new RoundReport(next.version(), List.of(), added, gate, 0, 0, Duration.ZERO, candidates, List.of());
        });
    }
}
