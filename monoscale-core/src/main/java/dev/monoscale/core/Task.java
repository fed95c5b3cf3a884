package dev.monoscale.core;

import java.util.List;

/**
 * A unit of work as the router sees it: the request text and its steps. What the world knows beyond this
 * (the skill a step needs, the right answer) stays in the world and never reaches the router.
 */
public record Task(TaskId id, String text, List<Subtask> subtasks) {

    /**
     * A task of one step whose text is the task's.
     *
     * @param id the task's id, such as {@code "ask-1"}
     * @param text the request
     * @return the task
     * @throws IllegalArgumentException if the id is blank
     */
    public static Task of(String id, String text) {
        return new Task(TaskId.of(id), text, List.of(new Subtask(0, text, List.of())));
    }

    public Task {
        subtasks = List.copyOf(subtasks);
        if (subtasks.isEmpty()) {
            throw new IllegalArgumentException("task '%s' has no steps".formatted(id));
        }
        for (int i = 0; i < subtasks.size(); i++) {
            if (subtasks.get(i).index() != i) {
                throw new IllegalArgumentException("task '%s' step %d has index %d"
                        .formatted(id, i, subtasks.get(i).index()));
            }
        }
    }
}
