package dev.monoscale.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A round's report reads as one line in a log or a debugger, not as nested record dumps. */
class RoundReportTest {

    @Test
    void to_string_names_the_version_the_verdict_the_warm_up_and_the_new_workers() {
        GateRecord gate = new GateRecord(
                GateRecord.Outcome.ACCEPTED,
                "accepted 'strict'",
                List.of(AgentId.of("quick-math")),
                2.5,
                0.05,
                50,
                List.of(
                        new GateRecord.CandidateScore("avoid-only", 1, 0, 0, 0, 0, true),
                        new GateRecord.CandidateScore("strict", 3, 0.08, 0.05, 0.11, 0.46, true)),
                Optional.of("strict"));
        RoundReport.PatternReport pattern =
                new RoundReport.PatternReport("sum numbers", "Sum 3 and 4", 10, 12, 20, 0.4, 0.8, "coder", 15, 20);
        RoundReport report = new RoundReport(
                MemoryVersion.of(1),
                List.of(new RoundReport.WorkerReport(AgentId.of("quick-math"), 50, List.of(pattern))),
                List.of(),
                gate,
                50,
                351,
                Duration.ofMillis(812));

        assertThat(report)
                .hasToString(
                        "RoundReport[v1 accepted (strict): 50 warm-up tasks, 351 worker calls; new workers quick-math "
                                + "(50 tasks, 1 pattern); 0 entries added; 2 candidates; 0.8 s]");
        RoundReport validating = new RoundReport(
                report.version(),
                report.workers(),
                report.added(),
                gate,
                50,
                351,
                Duration.ofMillis(812),
                List.of(),
                List.of(AgentId.of("quick-math")));
        assertThat(validating.toString()).contains("0 entries added; quick-math validated; 2 candidates;");
    }
}
