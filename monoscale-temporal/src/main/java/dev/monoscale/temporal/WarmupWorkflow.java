package dev.monoscale.temporal;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A batch of a round's warm-up runs as one durable workflow: each call an activity, the runs' steps in order. */
@WorkflowInterface
public interface WarmupWorkflow {

    @WorkflowMethod(name = "MonoscaleWarmup")
    Wire.Result run(Wire.Batch batch);
}
