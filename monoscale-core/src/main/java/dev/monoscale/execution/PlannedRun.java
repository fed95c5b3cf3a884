package dev.monoscale.execution;

import dev.monoscale.core.Plan;
import dev.monoscale.core.Task;

/** One run to execute: a task, the worker planned for each of its steps, and which sample of the task it is. */
public record PlannedRun(Task task, Plan plan, int sample) {}
