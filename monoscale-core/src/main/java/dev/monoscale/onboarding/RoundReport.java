package dev.monoscale.onboarding;

import dev.monoscale.core.AgentId;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryVersion;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one onboarding round learned and decided: per new worker, the patterns probed with success rates and
 * intervals; the entries the new version added; the gate's numbers; and what the round cost.
 *
 * @param version the memory version the round appended
 * @param warmupTasks warm-up tasks run, over all new workers
 * @param warmupCalls worker calls the warm-up made
 * @param elapsed wall time of the round, from the injected clock
 * @param candidates every candidate the round distilled, in the gate record's order, with the entries each would
 *     add to the head the round started from (for benchmarks that score them against the truth)
 * @param validated the new workers the new version validates: the router may use them wherever their cards match, as
 *     it uses the workers validated before (empty unless the accepted candidate is {@code cards})
 */
public record RoundReport(
        MemoryVersion version,
        List<WorkerReport> workers,
        List<MemoryEntry> added,
        GateRecord gate,
        int warmupTasks,
        long warmupCalls,
        Duration elapsed,
        List<CandidateMemory> candidates,
        List<AgentId> validated) {

    public RoundReport {
        workers = List.copyOf(workers);
        added = List.copyOf(added);
        candidates = List.copyOf(candidates);
        validated = List.copyOf(validated);
    }

    /** A report that does not list the candidates and validated no new worker. */
    public RoundReport(
            MemoryVersion version,
            List<WorkerReport> workers,
            List<MemoryEntry> added,
            GateRecord gate,
            int warmupTasks,
            long warmupCalls,
            Duration elapsed) {
        this(version, workers, added, gate, warmupTasks, warmupCalls, elapsed, List.of(), List.of());
    }

    /**
     * One line for logs and a debugger: the version and the gate's outcome, the warm-up, the new workers and what was
     * added, such as {@code RoundReport[v1 accepted (strict): 100 warm-up tasks, 702 worker calls; new workers
     * vision-analyst (50 tasks, 4 patterns), quick-math (50 tasks, 3 patterns); 12 entries added; 4 candidates;
     * 0.8 s]}.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("RoundReport[")
                .append(version)
                .append(' ')
                .append(gate.outcome().name().toLowerCase(Locale.ROOT));
        gate.chosen().ifPresent(chosen -> out.append(" (").append(chosen).append(')'));
        out.append(": ")
                .append(count(warmupTasks, "warm-up task", "warm-up tasks"))
                .append(", ")
                .append(count(warmupCalls, "worker call", "worker calls"))
                .append("; new workers ");
        out.append(
                workers.isEmpty()
                        ? "none"
                        : String.join(
                                ", ",
                                workers.stream()
                                        .map(w -> "%s (%s, %s)"
                                                .formatted(
                                                        w.worker(),
                                                        count(w.warmupTasks(), "task", "tasks"),
                                                        count(w.patterns().size(), "pattern", "patterns")))
                                        .toList()));
        out.append("; ").append(count(added.size(), "entry", "entries")).append(" added; ");
        if (!validated.isEmpty()) {
            out.append(String.join(", ", validated.stream().map(AgentId::value).toList()))
                    .append(" validated; ");
        }
        out.append(count(gate.candidates().size(), "candidate", "candidates")).append("; ");
        out.append(String.format(Locale.ROOT, "%.1f s]", elapsed.toNanos() / 1e9));
        return out.toString();
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** One new worker: what was probed and how it went. */
    public record WorkerReport(AgentId worker, int warmupTasks, List<PatternReport> patterns) {
        public WorkerReport {
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * One pattern probed for one new worker.
     *
     * @param incumbent the worker the lift chose most often there, if the lift ran any sample there
     * @param meanReward the new worker's mean reward there (its pass rate for pass/fail answers without cost)
     */
    public record PatternReport(
            String pattern,
            String example,
            int tasks,
            int successes,
            int trials,
            double ciLow,
            double ciHigh,
            String incumbent,
            int incumbentSuccesses,
            int incumbentTrials,
            double meanReward) {

        /** A report of pass/fail answers: the mean reward is the pass rate. */
        public PatternReport(
                String pattern,
                String example,
                int tasks,
                int successes,
                int trials,
                double ciLow,
                double ciHigh,
                String incumbent,
                int incumbentSuccesses,
                int incumbentTrials) {
            this(
                    pattern,
                    example,
                    tasks,
                    successes,
                    trials,
                    ciLow,
                    ciHigh,
                    incumbent,
                    incumbentSuccesses,
                    incumbentTrials,
                    (double) successes / trials);
        }
    }
}
