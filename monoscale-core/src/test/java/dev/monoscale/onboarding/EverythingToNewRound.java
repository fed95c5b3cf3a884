package dev.monoscale.onboarding;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Policy;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Worker;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.gate.GateRule;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.synthesis.AnsweredChecker;
import dev.monoscale.synthesis.WarmupSynthesizer;
import dev.monoscale.testkit.FixedRouter;
import dev.monoscale.testkit.MemoryFixtures;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;

/**
 * The round the confirm rule's tests share: a pool of one incumbent, {@code old}, that {@code new} joins under the
 * confirm rule with a budget of 20 tasks and 4 samples. The lift routes every question to {@code old}; the one
 * candidate, whatever the warm-up shows, routes every question to {@code new}. What the tests vary is the
 * synthesizer and what each worker answers.
 */
final class EverythingToNewRound {

    static final AgentId OLD = AgentId.of("old");
    static final AgentId NEW = AgentId.of("new");
    static final String CANDIDATE = "send everything to new";

    private static final List<AgentId> IDS = List.of(OLD, NEW);
    private static final RoundConfig CONFIG =
            new RoundConfig(20, 4, GateConfig.defaults().withRule(GateRule.CONFIRM), 3);

    private EverythingToNewRound() {}

    /** The round, with its synthesizer, its workers and the store it appends to. */
    static OnboardingRound of(WarmupSynthesizer synthesizer, Function<AgentId, Worker> workers, MemoryStore store) {
        CandidateMemory everythingToNew = new CandidateMemory(
                CANDIDATE, List.of(MemoryFixtures.prefer("m1-new", "questions", NEW.value(), 4, 4)));
        OnboardingRound.Parts parts = new OnboardingRound.Parts(
                synthesizer,
                workers,
                new AnsweredChecker(),
                (evidence, newcomers, lift, version) -> List.of(everythingToNew),
                (pool, memory) -> FixedRouter.of(
                        IDS,
                        Policy.of(IDS, memory.entries().isEmpty() ? new double[] {0.6, 0.4} : new double[] {0.2, 0.8})),
                store,
                InstantSource.fixed(MemoryFixtures.T0));
        return new OnboardingRound(parts, CONFIG, GatePolicy.GATED, PoolKind.SPECIALISTS);
    }

    /** The pool before the round: {@code old} alone. */
    static Pool before() {
        return Pool.of(List.of(card(OLD)));
    }

    static AgentCard card(AgentId id) {
        return new AgentCard(id, id.value(), "a worker", List.of(), List.of(), List.of(), List.of(), "1");
    }
}
