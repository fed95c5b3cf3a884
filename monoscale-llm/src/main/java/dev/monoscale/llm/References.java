package dev.monoscale.llm;

import dev.monoscale.core.TaskId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference answers of synthesized warm-up tasks, kept beside the tasks because the router must never see
 * them: the synthesizer writes, the judge reads. Thread-safe.
 */
public final class References {

    private final Map<TaskId, String> answers = new ConcurrentHashMap<>();

    public void put(TaskId task, String reference) {
        answers.put(task, reference);
    }

    public Optional<String> find(TaskId task) {
        return Optional.ofNullable(answers.get(task));
    }

    public int size() {
        return answers.size();
    }
}
