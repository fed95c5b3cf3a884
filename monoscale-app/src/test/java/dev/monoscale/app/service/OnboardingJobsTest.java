package dev.monoscale.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A round the service ran on little evidence says so in its job, with the line the CLI prints on stderr, naming the
 * request field to raise; a round on enough evidence carries no warning.
 */
class OnboardingJobsTest {

    private static final OnboardRequest REQUEST = new OnboardRequest(
            "http://127.0.0.1:9/agent", null, RoundConfig.defaults().withWarmupTasks(3), true);

    /** A round report of {@code tasks} warm-up tasks for one new worker, all of them scored by the gate. */
    private static RoundReport report(int tasks) {
        AgentId calculator = AgentId.of("calculator");
        GateRecord gate = new GateRecord(
                GateRecord.Outcome.FALLBACK,
                "kept the lift",
                List.of(calculator),
                2.5,
                0.05,
                tasks,
                List.of(),
                Optional.empty());
        return new RoundReport(
                MemoryVersion.of(1),
                List.of(new RoundReport.WorkerReport(calculator, tasks, List.of())),
                List.of(),
                gate,
                tasks,
                4L * tasks,
                Duration.ofMillis(5));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode ended(RoundReport report) throws Exception {
        InstantSource clock = InstantSource.fixed(Instant.EPOCH);
        try (OnboardingJobs jobs = new OnboardingJobs((request, progress) -> report, clock)) {
            OnboardingJobs.Job job = jobs.submit(REQUEST);
            job.ended.get(30, TimeUnit.SECONDS);
            return job.tree();
        }
    }

    @Test
    void a_round_on_three_warm_up_tasks_is_done_with_the_low_evidence_warning_in_its_job() throws Exception {
        var job = ended(report(3));

        assertThat(job.path("phase").asText()).isEqualTo("done");
        assertThat(job.path("warning").asText())
                .startsWith("round v1 decided on little evidence: 3 warm-up task(s) (per new worker: calculator 3),"
                        + " 3 scored by the gate;")
                .endsWith("so its verdict (fallback) says little; raise round.warmupTasks in the request");
    }

    @Test
    void a_round_on_enough_warm_up_tasks_has_no_warning() throws Exception {
        var job = ended(report(50));

        assertThat(job.path("phase").asText()).isEqualTo("done");
        assertThat(job.has("warning")).isFalse();
    }
}
