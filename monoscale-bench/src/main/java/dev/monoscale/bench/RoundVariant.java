package dev.monoscale.bench;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Pool;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.gate.GateRule;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import java.util.List;

/**
 * One way of running an onboarding round, compared by the gate calibration benchmark on the same worlds and seeds:
 * given the round's parts (a fresh store holding the head the round starts from) and its config, onboard the
 * newcomers and report. The report must list the candidates it distilled ({@link RoundReport#candidates}) so that
 * each can be scored against the truth.
 *
 * @param name the name shown in the benchmark's table and JSON
 */
public record RoundVariant(String name, Runner runner) {

    /** Runs one round. */
    @FunctionalInterface
    public interface Runner {
        RoundReport run(OnboardingRound.Parts parts, RoundConfig config, Pool before, List<AgentCard> newcomers);
    }

    /** The first version's gate, today's default: every candidate scored and tested on the runs it came from. */
    public static RoundVariant current() {
        return new RoundVariant(
                "legacy",
                (parts, config, before, newcomers) -> new OnboardingRound(
                                parts, with(config, GateRule.LEGACY), GatePolicy.GATED, PoolKind.SPECIALISTS)
                        .run(before, newcomers, WarmupExecutor.Progress.NONE));
    }

    /** The holdout gate (docs/gate.md): sequential warm-up, chosen on half the tasks, tested on the other half. */
    public static RoundVariant holdout() {
        return new RoundVariant(
                "holdout",
                (parts, config, before, newcomers) -> new OnboardingRound(
                                parts, with(config, GateRule.HOLDOUT), GatePolicy.GATED, PoolKind.SPECIALISTS)
                        .run(before, newcomers, WarmupExecutor.Progress.NONE));
    }

    /** The confirm gate (docs/gate.md): chosen as the legacy rule does on half the tasks, confirmed on the other half. */
    public static RoundVariant confirm() {
        return new RoundVariant(
                "confirm",
                (parts, config, before, newcomers) -> new OnboardingRound(
                                parts, with(config, GateRule.CONFIRM), GatePolicy.GATED, PoolKind.SPECIALISTS)
                        .run(before, newcomers, WarmupExecutor.Progress.NONE));
    }

    /** The ablation that takes the widest candidate whatever its numbers (no gate): a reference for the figures. */
    public static RoundVariant ungated() {
        return new RoundVariant(
                "no-gate",
                (parts, config, before, newcomers) -> new OnboardingRound(
                                parts, config, GatePolicy.UNGATED, PoolKind.SPECIALISTS)
                        .run(before, newcomers, WarmupExecutor.Progress.NONE));
    }

    /**
     * The variants {@code bench gate} compares by default, side by side. Register a new gate here with one line,
     * {@code new RoundVariant("name", (parts, config, before, newcomers) -> ...)}; the first is the reference.
     */
    public static List<RoundVariant> registered() {
        return List.of(current(), holdout(), confirm());
    }

    /** Every variant that can be named: the registered ones, then the no-gate ablation. */
    public static List<RoundVariant> available() {
        List<RoundVariant> all = new java.util.ArrayList<>(registered());
        if (all.stream().noneMatch(v -> v.name().equals(ungated().name()))) {
            all.add(ungated());
        }
        return List.copyOf(all);
    }

    private static RoundConfig with(RoundConfig config, GateRule rule) {
        return new RoundConfig(
                config.warmupTasks(), config.samples(), config.gate().withRule(rule), config.seed());
    }
}
