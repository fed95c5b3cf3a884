package dev.monoscale.synthesis;

import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import java.util.List;
import java.util.Optional;

/**
 * The model-free catalogue for real workers: an intent's own words are the task. An in-scope or boundary intent
 * (a skill's example, its description, its tags, or a neighbouring worker's skill) becomes a one-step task
 * with that text; a handoff intent becomes a two-step chain whose second step, the probed one, reads the first
 * step's output and asks to carry on with it.
 *
 * <p>No right answer is known, so pair it with {@link AnsweredChecker}: a warm-up run then measures whether a
 * worker takes on work of that kind and answers it, which is what a real agent that errors, refuses, hangs or
 * is unreachable fails at. Use a model-backed catalogue where answers must also be judged right.
 */
public final class CardExampleCatalogue implements TaskCatalogue {

    @Override
    public Optional<WarmupTask> materialize(Intent intent, TaskId id) {
        String text = intent.text().strip();
        if (text.isEmpty() || text.equals(".")) {
            return Optional.empty();
        }
        if (intent.kind() == IntentKind.HANDOFF) {
            Task task = new Task(
                    id,
                    text,
                    List.of(
                            new Subtask(0, text, List.of()),
                            new Subtask(1, "Carry on with the previous step's result: " + text, List.of(0))));
            return Optional.of(new WarmupTask(task, 1, intent));
        }
        return Optional.of(new WarmupTask(new Task(id, text, List.of(new Subtask(0, text, List.of()))), 0, intent));
    }
}
