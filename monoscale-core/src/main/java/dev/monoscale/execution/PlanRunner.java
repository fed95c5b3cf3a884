package dev.monoscale.execution;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.Plan;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.Task;
import dev.monoscale.core.Trace;
import dev.monoscale.core.TraceStep;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Executes a plan step by step. Each step's worker gets the outputs of the steps it reads; the first failed
 * step ends the run, and the checker then judges an absent answer. Worker faults never escape as exceptions:
 * a worker that throws is recorded as a failed step.
 */
public final class PlanRunner {

    private final Function<AgentId, Worker> workers;
    private final Checker checker;

    public PlanRunner(Function<AgentId, Worker> workers, Checker checker) {
        this.workers = workers;
        this.checker = checker;
    }

    public Trace run(Task task, Plan plan, int sample) {
        if (!plan.task().equals(task.id())
                || plan.steps().size() != task.subtasks().size()) {
            throw new IllegalArgumentException("plan for '%s' with %d steps does not fit task '%s' with %d steps"
                    .formatted(
                            plan.task(),
                            plan.steps().size(),
                            task.id(),
                            task.subtasks().size()));
        }
        List<TraceStep> executed = new ArrayList<>();
        List<StepOutput> outputs = new ArrayList<>();
        Optional<String> answer = Optional.empty();
        for (StepDecision decision : plan.steps()) {
            List<StepOutput> inputs =
                    decision.step().inputs().stream().map(outputs::get).toList();
            WorkerCall call = new WorkerCall(
                    task.id(), decision.step().index(), decision.step().text(), inputs, sample);
            WorkerReply reply = Workers.callSafely(workers, decision.worker(), call);
            executed.add(new TraceStep(
                    decision.step().index(),
                    decision.worker(),
                    decision.policy().probability(decision.worker()),
                    decision.step().inputs(),
                    reply));
            if (!(reply instanceof WorkerReply.Answered answered)) {
                break;
            }
            outputs.add(
                    new StepOutput(decision.step().index(), decision.worker(), answered.content(), answered.format()));
            if (decision.step().index() == task.subtasks().size() - 1) {
                answer = Optional.of(answered.content());
            }
        }
        return new Trace(task, plan, sample, executed, checker.check(task, answer));
    }
}
