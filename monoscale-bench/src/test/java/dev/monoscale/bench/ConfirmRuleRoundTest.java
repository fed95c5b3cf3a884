package dev.monoscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.WorldGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The confirm rule against the first version's rule on generated worlds whose truth is known: where the legacy rule
 * accepts a memory that loses accuracy, the confirm rule keeps the lift; where a newcomer is clearly better, the
 * confirm rule takes it up, confirming the choice on tasks the choice never saw.
 */
class ConfirmRuleRoundTest {

    private final GateCalibration bench = new GateCalibration(
            WorldGenerator::generate,
            List.of(RoundVariant.current(), RoundVariant.confirm()),
            EmbeddedRouterConfig.defaults(),
            MemoryRouterConfig.defaults());

    @Test
    void where_the_legacy_rule_accepts_a_memory_that_loses_seven_points_the_confirm_rule_keeps_the_lift() {
        GateCalibration.RoundResult round = bench.round(11, RoundConfig.defaults());
        GateCalibration.VariantOutcome legacy = round.variants().get(0);
        GateCalibration.VariantOutcome confirm = round.variants().get(1);

        assertThat(legacy.accepted()).isTrue();
        assertThat(legacy.realisedGain()).isLessThan(-0.05);
        assertThat(confirm.accepted()).isFalse();
        assertThat(confirm.realisedGain()).isZero();
        assertThat(confirm.reason()).contains("no candidate chosen on the selection half was confirmed");
    }

    @Test
    void a_clearly_better_newcomer_is_confirmed_and_taken_up() {
        GateCalibration.RoundResult round = bench.round(64, RoundConfig.defaults());
        GateCalibration.VariantOutcome confirm = round.variants().get(1);

        assertThat(round.bestCandidateGain()).isGreaterThan(0.2);
        assertThat(confirm.accepted()).isTrue();
        assertThat(confirm.realisedGain()).isGreaterThan(0.2);
        assertThat(confirm.reason()).startsWith("accepted '").contains("confirmed against the lift");
        assertThat(confirm.warmupTasks())
                .as("the confirmation runs only where the plans differ, and stops at the first pass")
                .isLessThan(round.variants().get(0).warmupTasks());
    }

    @Test
    void where_the_warm_up_shows_too_little_for_an_entry_to_move_routing_validating_the_newcomers_is_taken_up() {
        // two workers join; no pattern of the selection half gives an entry that changes a plan, but their cards are
        // honest: the candidate that lets the router use them wherever their cards match gains 11 points
        GateCalibration.RoundResult round = bench.round(2, RoundConfig.defaults());
        GateCalibration.VariantOutcome confirm = round.variants().get(1);

        assertThat(round.joined()).isEqualTo(2);
        assertThat(confirm.candidateGains()).containsKey("cards");
        confirm.candidateGains().forEach((name, gain) -> {
            if (!name.equals("cards")) {
                assertThat(gain).as(name).isLessThan(0.005);
            }
        });
        assertThat(confirm.verdict()).isEqualTo("accepted:cards");
        assertThat(confirm.realisedGain()).isGreaterThan(0.1);
    }

    @Test
    void where_few_confirmation_tasks_change_the_plan_they_are_drawn_again_to_fill_the_budget() {
        // one new worker, 50 planned tasks: 25 choose; the other 25 and the synthesizer's fresh tasks hold only 11
        // where the candidates route differently, and drawing those again fills the 25 the budget leaves
        GateCalibration.RoundResult round = bench.round(163, RoundConfig.defaults());
        GateCalibration.VariantOutcome legacy = round.variants().get(0);
        GateCalibration.VariantOutcome confirm = round.variants().get(1);

        assertThat(round.joined()).isEqualTo(1);
        assertThat(legacy.warmupTasks())
                .as("the legacy rule runs the whole planned budget")
                .isEqualTo(50);
        assertThat(confirm.accepted()).isTrue();
        assertThat(confirm.realisedGain()).isGreaterThan(0.03);
        assertThat(confirm.warmupTasks())
                .as("25 to choose, 25 to confirm: the budget, no more")
                .isEqualTo(50);
        assertThat(confirm.reason())
                .as("the card's tasks where the plans differ, fresh ones included, were fewer than 25: drawn again")
                .contains("over 25 draws of 11 tasks");
    }
}
