package dev.monoscale.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.gate.GateRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The confirm rule's test at one look: Holm's step-down over the candidates chosen on the selection half. */
class ConfirmRuleTest {

    private static final double LEVEL = 0.045;

    @Test
    void a_candidate_whose_plans_win_on_most_confirmation_tasks_is_accepted() {
        ConfirmStrategy.Confirmation result =
                ConfirmStrategy.confirm(names("strict"), List.of(wins(14, 2, 4)), List.of("a"), LEVEL, 3, 3);

        assertThat(result.accepted()).isZero();
        assertThat(result.tests().getFirst().tasks()).isEqualTo(20);
        assertThat(result.tests().getFirst().gain()).isEqualTo(0.6);
        assertThat(result.pValues().getFirst()).isLessThan(LEVEL);
    }

    @Test
    void a_candidate_that_changes_the_plan_on_too_few_tasks_to_pass_any_test_is_not_tested_however_well_it_did() {
        // four full wins: even the exact test's smallest p-value, 1/16, is above the level
        ConfirmStrategy.Confirmation result =
                ConfirmStrategy.confirm(names("strict"), List.of(wins(4, 0, 0)), List.of("a"), LEVEL, 3, 3);

        assertThat(result.accepted()).isEqualTo(-1);
        assertThat(result.pValues().getFirst()).isEqualTo(1.0);
        assertThat(result.summary()).contains("'strict' changes the plan on 4 tasks");
    }

    @Test
    void below_eight_tasks_a_candidate_whose_plan_wins_outright_everywhere_passes_the_exact_test() {
        // under no gain a task is a full win with probability at most 1/2: six of six has p at most 1/64
        ConfirmStrategy.Confirmation result =
                ConfirmStrategy.confirm(names("strict"), List.of(wins(6, 0, 0)), List.of("a"), LEVEL, 3, 3);

        assertThat(result.pValues().getFirst()).isEqualTo(1.0 / 64);
        assertThat(result.accepted()).isZero();
        assertThat(result.summary()).contains("'strict' 6 full wins of 6 tasks, p 0.0156");
        assertThat(result.tests().getFirst().lowerBound())
                .as("2 q - 1, q = 0.045^(1/6)")
                .isCloseTo(2 * Math.pow(LEVEL, 1.0 / 6) - 1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void differences_all_equal_get_the_exact_test_not_a_t_test_that_would_claim_certainty() {
        // ten outright wins: t has no spread to divide by; the exact test gives 2^-10
        ConfirmStrategy.Confirmation allWins =
                ConfirmStrategy.confirm(names("strict"), List.of(wins(10, 0, 0)), List.of("a"), LEVEL, 3, 3);
        // ten half wins (one run of two right where the lift's were wrong): no outright win, so no evidence the
        // exact test can use
        ConfirmStrategy.Confirmation halfWins = ConfirmStrategy.confirm(
                names("strict"),
                List.of(Collections.nCopies(10, new ConfirmStrategy.Difference(0.5, false))),
                List.of("a"),
                LEVEL,
                3,
                3);

        assertThat(allWins.pValues().getFirst()).isEqualTo(Math.pow(0.5, 10));
        assertThat(allWins.accepted()).isZero();
        assertThat(halfWins.pValues().getFirst()).isEqualTo(1.0);
        assertThat(halfWins.accepted()).isEqualTo(-1);
    }

    @Test
    void below_eight_tasks_one_loss_among_the_wins_is_not_enough() {
        // five full wins of seven: P(Binomial(7, 1/2) >= 5) = 29/128
        ConfirmStrategy.Confirmation result =
                ConfirmStrategy.confirm(names("strict"), List.of(wins(5, 1, 1)), List.of("a"), LEVEL, 3, 3);

        assertThat(result.pValues().getFirst()).isCloseTo(29.0 / 128, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(result.accepted()).isEqualTo(-1);
    }

    @Test
    void a_candidate_that_loses_as_often_as_it_wins_is_refused() {
        ConfirmStrategy.Confirmation result =
                ConfirmStrategy.confirm(names("lenient"), List.of(wins(10, 10, 10)), List.of("a"), LEVEL, 3, 3);

        assertThat(result.accepted()).isEqualTo(-1);
        assertThat(result.pValues().getFirst()).isGreaterThan(0.4);
    }

    @Test
    void
            holm_tests_the_smallest_p_value_at_level_over_m_distinct_plans_so_a_p_value_that_one_test_passes_fails_among_four() {
        // p ≈ 0.03: under LEVEL alone, above LEVEL / 4
        List<ConfirmStrategy.Difference> borderline = wins(9, 3, 8);
        ConfirmStrategy.Confirmation alone =
                ConfirmStrategy.confirm(names("strict"), List.of(borderline), List.of("a"), LEVEL, 3, 3);
        ConfirmStrategy.Confirmation amongFour = ConfirmStrategy.confirm(
                names("strict", "moderate", "lenient", "avoid-only"),
                List.of(borderline, wins(5, 5, 10), wins(4, 6, 10), wins(0, 0, 0)),
                List.of("a", "b", "c", "d"),
                LEVEL,
                3,
                3);
        ConfirmStrategy.Confirmation samePlans = ConfirmStrategy.confirm(
                names("strict", "moderate", "lenient"),
                List.of(borderline, borderline, borderline),
                List.of("a", "a", "a"),
                LEVEL,
                3,
                3);

        assertThat(alone.pValues().getFirst()).isBetween(LEVEL / 4, LEVEL);
        assertThat(alone.accepted()).isZero();
        assertThat(amongFour.accepted()).isEqualTo(-1);
        assertThat(amongFour.closest()).isZero();
        assertThat(samePlans.accepted())
                .as("three candidates with the same plans everywhere are one hypothesis")
                .isZero();
    }

    @Test
    void a_candidate_with_too_few_tasks_to_test_does_not_count_towards_holms_m() {
        // p ≈ 0.03: under LEVEL alone, above LEVEL / 2
        List<ConfirmStrategy.Difference> borderline = wins(9, 3, 8);
        ConfirmStrategy.Confirmation besideUntestable = ConfirmStrategy.confirm(
                names("strict", "lenient"), List.of(borderline, wins(4, 0, 0)), List.of("a", "b"), LEVEL, 3, 3);
        ConfirmStrategy.Confirmation besideTestable = ConfirmStrategy.confirm(
                names("strict", "lenient"),
                List.of(borderline, wins(4, 4, ConfirmStrategy.MIN_TASKS)),
                List.of("a", "b"),
                LEVEL,
                3,
                3);

        assertThat(besideUntestable.pValues().getFirst()).isBetween(LEVEL / 2, LEVEL);
        assertThat(besideUntestable.accepted())
                .as("'lenient' changes the plan on 4 tasks: m = 1")
                .isZero();
        assertThat(besideUntestable.tests().getFirst().lowerBound())
                .as("the bound is at LEVEL / 1")
                .isPositive();
        assertThat(besideTestable.accepted()).as("'lenient' is tested: m = 2").isEqualTo(-1);
        assertThat(besideTestable.tests().getFirst().lowerBound())
                .as("the bound is at LEVEL / 2")
                .isNegative();
    }

    @Test
    void of_the_candidates_that_pass_the_one_with_the_largest_estimated_gain_over_the_tasks_is_accepted() {
        // 'narrow' wins on every one of its 10 tasks; 'wide' wins on 30 of 40: more gain in total
        ConfirmStrategy.Confirmation result = ConfirmStrategy.confirm(
                names("narrow", "wide"), List.of(wins(10, 0, 0), wins(30, 2, 8)), List.of("a", "b"), LEVEL, 2, 3);

        assertThat(result.pValues()).allMatch(p -> p < LEVEL / 2);
        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.tests().get(1).look()).isEqualTo(2);
    }

    @Test
    void every_candidate_is_reported_when_some_share_their_plans_and_the_last_can_be_the_one_accepted() {
        ConfirmStrategy.Confirmation result = ConfirmStrategy.confirm(
                names("strict", "moderate", "lenient"),
                List.of(wins(5, 5, 10), wins(5, 5, 10), wins(30, 2, 8)),
                List.of("a", "a", "b"),
                LEVEL,
                3,
                3);

        assertThat(result.tests()).extracting(t -> t.candidate()).containsExactly("strict", "moderate", "lenient");
        assertThat(result.pValues()).hasSize(3);
        assertThat(result.accepted()).isEqualTo(2);
    }

    @Test
    void the_rule_is_named_confirm_on_the_command_line_and_in_requests() {
        assertThat(GateRule.parse("--gate", " Confirm ")).isEqualTo(GateRule.CONFIRM);
    }

    private static List<CandidateMemory> names(String... names) {
        return java.util.Arrays.stream(names)
                .map(name -> new CandidateMemory(name, List.of()))
                .toList();
    }

    /**
     * Paired differences: {@code won} tasks at +1 (full wins), {@code lost} at −1, {@code tied} at 0, in a fixed
     * shuffled order.
     */
    private static List<ConfirmStrategy.Difference> wins(int won, int lost, int tied) {
        List<ConfirmStrategy.Difference> d = new ArrayList<>();
        d.addAll(Collections.nCopies(won, new ConfirmStrategy.Difference(1.0, true)));
        d.addAll(Collections.nCopies(lost, new ConfirmStrategy.Difference(-1.0, false)));
        d.addAll(Collections.nCopies(tied, new ConfirmStrategy.Difference(0.0, false)));
        Collections.shuffle(d, new java.util.Random(7));
        return d;
    }
}
