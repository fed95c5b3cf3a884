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

    public boolean passed() {
        return verdict.passed();
    }

    public Duration latency() {
        return steps.stream().map(step -> step.reply().latency()).reduce(Duration.ZERO, Duration::plus);
    }

    public double cost() {
        return steps.stream().mapToDouble(step -> step.reply().cost()).sum();
    }
}
