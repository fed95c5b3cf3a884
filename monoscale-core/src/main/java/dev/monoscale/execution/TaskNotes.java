package dev.monoscale.execution;

import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;

/**
 * What a world that plays its own workers must hand to another process so that it can play a task written here:
 * the simulated world keeps each task's hidden truth (its family, so its answers) where the task was written, and
 * a worker process on an engine learns it from this note before the call. Real workers need nothing ({@link #NONE}):
 * a call carries the step's text and inputs.
 */
public interface TaskNotes {

    /** The note for {@code task}, written where the task was made; empty when there is nothing to pass on. */
    String note(Task task);

    /** Takes in the note of task {@code id} in the process that will play it; called before each call, so idempotent.
     * */
    void learn(TaskId id, String note);

    TaskNotes NONE = new TaskNotes() {
        @Override
        public String note(Task task) {
            return "";
        }

        @Override
        public void learn(TaskId id, String note) {}
    };
}
