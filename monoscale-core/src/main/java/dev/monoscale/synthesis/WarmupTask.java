package dev.monoscale.synthesis;

import dev.monoscale.core.Task;

/**
 * A checkable task made for one new worker, and the step at which the new worker is probed.
 *
 * @param probedStep the index of the step the new worker is tried on
 */
public record WarmupTask(Task task, int probedStep, Intent intent) {

    public WarmupTask {
        if (probedStep < 0 || probedStep >= task.subtasks().size()) {
            throw new IllegalArgumentException(
                    "probed step %d is not a step of task '%s'".formatted(probedStep, task.id()));
        }
    }

    /** The text of the step the new worker is tried on. */
    public String probedText() {
        return task.subtasks().get(probedStep).text();
    }

    /**
     * What makes two warm-up tasks the same task: the task's text and its probed step's. The synthesizer's validator
     * drops a task whose key repeats an earlier one's, and the confirm rule draws by it.
     */
    public String key() {
        return task.text() + "\u0000" + probedText();
    }
}
