package dev.monoscale.core;

import java.time.Duration;
import java.util.List;

/**
 * Everything that happened when one task ran: the plan, each executed step, and the verdict. Steps after a
 * failed one do not run, so a trace may be shorter than its plan.
 */
public record Trace(Task task, Plan plan, int sample, List<TraceStep> steps, Verdict verdict) {

    public Trace {
        steps = List.copyOf(steps);
    }

    /**
     * Whether the checker passed the run.
     *
     * @return the verdict's pass
     */
    public boolean passed() {
        return verdict.passed();
    }

    /**
     * The time the steps that ran took, added up.
     *
     * @return the sum of the replies' latencies
     */
    public Duration latency() {
        return steps.stream().map(step -> step.reply().latency()).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * What the steps that ran cost, added up, in the world's unit.
     *
     * @return the sum of the replies' costs
     */
    public double cost() {
        return steps.stream().mapToDouble(step -> step.reply().cost()).sum();
    }
}
