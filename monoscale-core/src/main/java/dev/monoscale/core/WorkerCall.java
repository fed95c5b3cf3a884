package dev.monoscale.core;

import java.util.List;

/**
 * One request to a worker: the step's text and the outputs of the steps it reads.
 *
 * @param sample which repetition of the same task this is, from 0; repeated samples are independent draws
 */
public record WorkerCall(TaskId task, int step, String text, List<StepOutput> inputs, int sample) {

    public WorkerCall {
        inputs = List.copyOf(inputs);
    }
}
