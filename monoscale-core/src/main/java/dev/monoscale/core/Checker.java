package dev.monoscale.core;

import java.util.Optional;

/** Judges a task's final answer. An empty answer means the plan broke before it produced one. */
public interface Checker {

    /**
     * Judges the final answer of one run of {@code task}.
     *
     * @param task the task that ran
     * @param answer the last step's output; empty when a step failed before the plan produced one
     * @return the verdict, with its score and reward
     */
    Verdict check(Task task, Optional<String> answer);
}
