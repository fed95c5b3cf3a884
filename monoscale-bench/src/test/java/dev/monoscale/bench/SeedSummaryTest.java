package dev.monoscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedSummaryTest {

    @Test
    void counts_per_stage_the_runs_within_the_margin_of_the_reference_at_the_printed_precision() {
        List<ExpansionReport> runs = List.of(
                run(1, new double[] {0.5197, 0.5457}, new double[] {0.5457, 0.5457}),
                run(2, new double[] {0.5460, 0.5200}, new double[] {0.5457, 0.5457}),
                run(3, new double[] {0.5260, 0.5500}, new double[] {0.5457, 0.5457}));

        SeedSummary summary = SeedSummary.of(runs, "monoscale", "best-single", 0.02);

        assertThat(summary.seeds()).containsExactly(1L, 2L, 3L);
        SeedSummary.Stage first = summary.stages().getFirst();
        assertThat(first.withinMargin())
                .as("0.520 misses 0.546 - 0.02; 0.546 and 0.526 do not")
                .isEqualTo(2);
        assertThat(first.lowest()).isEqualTo(0.5197);
        assertThat(first.highest()).isEqualTo(0.5460);
        assertThat(first.mean()).isCloseTo((0.5197 + 0.5460 + 0.5260) / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(summary.stages().get(1).withinMargin()).isEqualTo(2);
        assertThat(summary.table())
                .contains("monoscale over seeds 1..3", "0      0.520    0.531    0.546    0.546      2 of 3");
    }

    @Test
    void counts_the_runs_in_which_the_method_fell_beyond_its_interval() {
        List<ExpansionReport> runs = List.of(
                run(1, new double[] {0.60, 0.40}, new double[] {0.5, 0.5}),
                run(2, new double[] {0.60, 0.59}, new double[] {0.5, 0.5}));

        assertThat(SeedSummary.of(runs, "monoscale", "best-single", 0.02).runsWithFalls())
                .isEqualTo(1);
    }

    /** A two-stage report whose intervals are 0.05 wide. */
    private static ExpansionReport run(long seed, double[] monoscale, double[] reference) {
        List<ExpansionReport.StageResult> stages = new java.util.ArrayList<>();
        for (int k = 0; k < monoscale.length; k++) {
            Map<String, ExpansionReport.MethodResult> methods = new LinkedHashMap<>();
            methods.put("monoscale", result(monoscale[k]));
            methods.put("best-single", result(reference[k]));
            stages.add(new ExpansionReport.StageResult(k, 3 + 2 * k, List.of(AgentId.of("w" + k)), methods));
        }
        return new ExpansionReport("test", List.of(seed), 100, stages);
    }

    private static ExpansionReport.MethodResult result(double accuracy) {
        return new ExpansionReport.MethodResult(
                accuracy, accuracy - 0.025, accuracy + 0.025, Math.round(accuracy * 100), 100, 0, 0, 0, List.of(), 0);
    }
}
