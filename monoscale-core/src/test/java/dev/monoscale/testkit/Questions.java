package dev.monoscale.testkit;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.synthesis.Intent;
import dev.monoscale.synthesis.IntentKind;
import dev.monoscale.synthesis.WarmupSynthesizer;
import dev.monoscale.synthesis.WarmupTask;
import java.util.List;
import java.util.stream.IntStream;

/** A synthesizer for tests: one-step questions written from a card, each different, named after the card. */
public final class Questions {

    /** {@link #of} as a round's synthesizer: the pool plays no part. */
    public static final WarmupSynthesizer SYNTHESIZER = (card, pool, budget) -> of(card, budget);

    private Questions() {}

    /** {@code budget} questions {@code "question <card>-t<i>"} from {@code card}, each probing its one step. */
    public static List<WarmupTask> of(AgentCard card, int budget) {
        return IntStream.range(0, budget)
                .mapToObj(i -> {
                    String id = card.id().value() + "-t" + i;
                    Task task = new Task(
                            TaskId.of(id), "question " + id, List.of(new Subtask(0, "question " + id, List.of())));
                    return new WarmupTask(task, 0, new Intent(card.id(), IntentKind.IN_SCOPE, "question", "test"));
                })
                .toList();
    }
}
