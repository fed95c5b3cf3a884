package dev.monoscale.synthesis;

import dev.monoscale.core.TaskId;
import java.util.Optional;

/**
 * The world's side of warm-up synthesis: turns an intent into a concrete task with a checker, or says it
 * cannot. Only the world knows what it can materialise; the synthesizer sees cards alone.
 */
public interface TaskCatalogue {

    /** A task with the given id that exercises the intent, the same for the same id and intent. */
    Optional<WarmupTask> materialize(Intent intent, TaskId id);
}
