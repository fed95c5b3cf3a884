package dev.monoscale.a2a;

import java.util.Locale;

/** The state of an A2A task, read from either spelling: {@code TASK_STATE_INPUT_REQUIRED} (1.0) or {@code input-required} (0.3). */
enum A2aTaskState {
    SUBMITTED,
    WORKING,
    INPUT_REQUIRED,
    AUTH_REQUIRED,
    COMPLETED,
    FAILED,
    CANCELED,
    REJECTED,
    UNKNOWN;

    /** Reads a state in the 1.0 or the 0.3 spelling; anything else is {@link #UNKNOWN}. */
    public static A2aTaskState parse(String wire) {
        String key = wire.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (key.startsWith("TASK_STATE_")) {
            key = key.substring("TASK_STATE_".length());
        }
        if (key.equals("CANCELLED")) {
            key = "CANCELED";
        }
        for (A2aTaskState state : values()) {
            if (state.name().equals(key)) {
                return state;
            }
        }
        return UNKNOWN;
    }

    /** Whether the task will not change any more without a new message: done, or waiting for its requester. */
    public boolean settled() {
        return this != SUBMITTED && this != WORKING && this != UNKNOWN;
    }

    /** The 1.0 spelling, such as {@code TASK_STATE_COMPLETED}. */
    public String v1() {
        return "TASK_STATE_" + name();
    }

    /** The 0.3 spelling, such as {@code input-required}. */
    public String v03() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
