package dev.monoscale.core;

import java.util.Optional;

/** Judges a task's final answer. An empty answer means the plan broke before it produced one. */
public interface Checker {

    Verdict check(Task task, Optional<String> answer);
}
