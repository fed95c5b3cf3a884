package dev.monoscale.core;

import java.util.List;

/**
 * One step of a task as the router sees it: its text, and which earlier steps feed it.
 *
 * @param index position in the task, from 0
 * @param inputs indexes of earlier steps whose outputs this step reads
 */
public record Subtask(int index, String text, List<Integer> inputs) {

    public Subtask {
        if (index < 0) {
            throw new IllegalArgumentException("step index must be >= 0, was " + index);
        }
        inputs = List.copyOf(inputs);
        for (int input : inputs) {
            if (input < 0 || input >= index) {
                throw new IllegalArgumentException(
                        "step %d may only read earlier steps, not step %d".formatted(index, input));
            }
        }
    }
}
