package dev.monoscale.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.gate.EvaluationPoint;
import dev.monoscale.gate.TrustRegionGate;
import dev.monoscale.memory.Evidence;
import dev.monoscale.memory.LeaveOut;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.WorkerGuidance;
import dev.monoscale.testkit.FixedRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The gate scores a candidate on each warm-up task without that task's own example entries, so an example gets no
 * credit for the task it records.
 */
class LeaveOneOutTest {

    private static final AgentId OLD = AgentId.of("old");
    private static final AgentId NEW = AgentId.of("new");
    private static final List<AgentId> IDS = List.of(OLD, NEW);

    /** The example of task t1 (two runs of it). */
    private static final MemoryEntry EXAMPLE_T1 = entry("example-t1", MemoryEntry.EXAMPLE + "question", "t1#0", "t1#1");
    /** A pattern entry, also learned from task t1 alone. */
    private static final MemoryEntry PATTERN_T1 = entry("pattern-t1", "question", "t1#0", "t1#1");

    @Test
    void at_a_task_its_own_example_is_left_out_and_every_other_entry_kept() {
        Recording router = new Recording();
        TrustRegionGate.Candidate candidate =
                OnboardingRound.leaveOneOut(new CandidateMemory("c", List.of(EXAMPLE_T1, PATTERN_T1)), router);

        Policy atT1 = candidate.policy().apply(point("t1"));
        Policy atT2 = candidate.policy().apply(point("t2"));

        assertThat(router.leftOut).containsExactly(List.of("example-t1"));
        assertThat(atT1.argmax()).isEqualTo(OLD);
        assertThat(atT2.argmax()).isEqualTo(NEW);
        assertThat(candidate.entries()).isEqualTo(2);
    }

    @Test
    void a_router_that_cannot_leave_entries_out_is_scored_as_it_is() {
        PolicyRouter plain = FixedRouter.of(IDS, Policy.pointMass(IDS, NEW));

        TrustRegionGate.Candidate candidate =
                OnboardingRound.leaveOneOut(new CandidateMemory("c", List.of(EXAMPLE_T1)), plain);

        assertThat(candidate.policy().apply(point("t1")).argmax()).isEqualTo(NEW);
    }

    private static EvaluationPoint point(String task) {
        Subtask step = new Subtask(0, "question " + task, List.of());
        return new EvaluationPoint(new Task(TaskId.of(task), step.text(), List.of(step)), step, List.of(), 0);
    }

    private static MemoryEntry entry(String id, String pattern, String... traces) {
        return new MemoryEntry(
                MemoryEntryId.of(id),
                pattern,
                "send questions to new",
                List.of(WorkerGuidance.prefer(NEW)),
                new Evidence(List.of(traces), traces.length, traces.length),
                0.5);
    }

    /** Sends everything to the new worker, or to the old one when entries are left out, and records which. */
    private static final class Recording implements PolicyRouter, LeaveOut {

        private final PolicyRouter fixed = FixedRouter.of(IDS, Policy.pointMass(IDS, NEW));
        final List<List<String>> leftOut = new ArrayList<>();

        @Override
        public Pool pool() {
            return fixed.pool();
        }

        @Override
        public Policy policy(Task task, Subtask step, List<AgentId> inputProducers) {
            return Policy.pointMass(IDS, NEW);
        }

        @Override
        public Plan route(Task task) {
            return fixed.route(task);
        }

        @Override
        public Policy policyWithout(
                Task task, Subtask step, List<AgentId> inputProducers, Predicate<MemoryEntry> left) {
            leftOut.add(List.of(EXAMPLE_T1, PATTERN_T1).stream()
                    .filter(left)
                    .map(entry -> entry.id().value())
                    .toList());
            return Policy.pointMass(IDS, OLD);
        }
    }
}
