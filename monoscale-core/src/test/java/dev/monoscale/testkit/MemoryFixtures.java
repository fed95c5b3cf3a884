package dev.monoscale.testkit;

import dev.monoscale.core.AgentId;
import dev.monoscale.memory.Evidence;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.WorkerGuidance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small readable builders for memory in tests. */
public final class MemoryFixtures {

    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private MemoryFixtures() {}

    public static RoutingMemory initial(String... validated) {
        return RoutingMemory.initial(ids(validated), T0);
    }

    /** An entry that tells the router to avoid {@code worker} on {@code pattern}, citing {@code trials} failed traces. */
    public static MemoryEntry avoid(String id, String pattern, String worker, int trials) {
        return new MemoryEntry(
                MemoryEntryId.of(id),
                pattern,
                "do not send '" + pattern + "' to " + worker,
                List.of(WorkerGuidance.avoid(AgentId.of(worker))),
                evidence(0, trials),
                0.8);
    }

    public static MemoryEntry prefer(String id, String pattern, String worker, int successes, int trials) {
        return new MemoryEntry(
                MemoryEntryId.of(id),
                pattern,
                "send '" + pattern + "' to " + worker,
                List.of(WorkerGuidance.prefer(AgentId.of(worker))),
                evidence(successes, trials),
                0.8);
    }

    public static Evidence evidence(int successes, int trials) {
        return new Evidence(
                java.util.stream.IntStream.range(0, trials)
                        .mapToObj(i -> "warmup-" + i + "#0")
                        .toList(),
                successes,
                trials);
    }

    public static GateRecord accepted(String... onboarded) {
        return new GateRecord(
                GateRecord.Outcome.ACCEPTED,
                "test",
                ids(onboarded),
                1.5,
                0.05,
                10,
                List.of(new GateRecord.CandidateScore("c1", 1, 0.1, 0.02, 0.2, 0.3, true)),
                Optional.of("c1"));
    }

    /** A successor of {@code initial("web-surfer")} whose text, doubles, optionals and instant are hard to store. */
    public static RoutingMemory awkward() {
        MemoryEntry constrain = new MemoryEntry(
                MemoryEntryId.of("m1-constrain.2_b"),
                "totals after a \"quick\" lookup; then a chart\n(second line) \u2713 \ud83d\ude00 \\ ' --",
                "never hand 'quick-math' output to coder",
                List.of(
                        WorkerGuidance.constrain(AgentId.of("coder"), ids("quick-math", "web-surfer")),
                        WorkerGuidance.prefer(AgentId.of("vision-analyst"))),
                evidence(2, 3),
                0.1 + 0.2);
        GateRecord fallback = new GateRecord(
                GateRecord.Outcome.FALLBACK,
                "no candidate passed: gain low < 0",
                ids("quick-math", "vision-analyst"),
                1e-300,
                Double.MIN_VALUE,
                7,
                List.of(
                        new GateRecord.CandidateScore(
                                "wide", 3, -0.0, Double.NEGATIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY, false),
                        new GateRecord.CandidateScore("", 0, 1.0 / 3, -1e308, Double.MAX_VALUE, 0.0, true)),
                Optional.empty());
        return initial("web-surfer")
                .next(
                        ids("web-surfer", "coder"),
                        List.of(constrain),
                        fallback,
                        Instant.parse("2026-01-01T00:00:00.123456789Z"));
    }

    public static List<AgentId> ids(String... ids) {
        return java.util.Arrays.stream(ids).map(AgentId::of).toList();
    }
}
