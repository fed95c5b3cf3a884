package dev.monoscale.core;

/** Stable id of a task, such as {@code eval-s7-0042}; seeds derive per-task randomness from it. */
public record TaskId(String value) implements Comparable<TaskId> {

    public TaskId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("task id must not be blank");
        }
    }

    /**
     * The id {@code value}.
     *
     * @param value any non-blank text, such as {@code eval-s7-0042}
     * @return the id
     * @throws IllegalArgumentException if the value is blank
     */
    public static TaskId of(String value) {
        return new TaskId(value);
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
