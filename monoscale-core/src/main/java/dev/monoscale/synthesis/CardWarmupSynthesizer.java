package dev.monoscale.synthesis;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import dev.monoscale.core.TaskId;
import dev.monoscale.text.Words;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The model-free warm-up synthesizer: planner, executor and validator over the cards' words (DESIGN.md §4.1).
 *
 * <ol>
 *   <li><b>Planner.</b> In-scope intents from every skill of the new card (its name and description, each
 *       example, its tags); handoff intents, the same words with the new worker behind another; boundary
 *       intents from the skills of pool workers whose words overlap the new card (at least
 *       {@value #BOUNDARY_OVERLAP} content words), to find over-claiming.
 *   <li><b>Executor.</b> Intents are taken in turn, two in-scope for each handoff and each boundary one, and the
 *       world's {@link TaskCatalogue} materialises each as a checkable task with a fresh id; an intent the world
 *       cannot materialise is skipped.
 *   <li><b>Validator.</b> Drops a task whose text and probed step repeat an earlier one, and a task whose probed
 *       step shares no content word with any card of the pool or the new worker (no worker could attempt it).
 * </ol>
 * It stops at the budget or after {@value #ATTEMPTS_PER_TASK} attempts per task of budget.
 */
public final class CardWarmupSynthesizer implements WarmupSynthesizer {

    static final int BOUNDARY_OVERLAP = 2;
    static final int ATTEMPTS_PER_TASK = 6;

    private final TaskCatalogue catalogue;

    /**
     * A synthesizer whose intents {@code catalogue} turns into tasks.
     *
     * @param catalogue the world's side: a checkable task per intent, such as {@link CardExampleCatalogue}
     */
    public CardWarmupSynthesizer(TaskCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public List<WarmupTask> synthesize(AgentCard newcomer, Pool pool, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("warm-up budget must be >= 1 task, was " + budget);
        }
        List<Intent> inScope = new ArrayList<>();
        List<Intent> handoff = new ArrayList<>();
        for (Skill skill : newcomer.skills()) {
            String where = newcomer.id() + "/" + skill.id();
            inScope.add(new Intent(
                    newcomer.id(),
                    IntentKind.IN_SCOPE,
                    skill.name() + ". " + skill.description(),
                    where + " description"));
            for (int i = 0; i < skill.examples().size(); i++) {
                inScope.add(new Intent(
                        newcomer.id(), IntentKind.IN_SCOPE, skill.examples().get(i), where + " example " + (i + 1)));
            }
            if (!skill.tags().isEmpty()) {
                inScope.add(new Intent(
                        newcomer.id(), IntentKind.IN_SCOPE, String.join(" ", skill.tags()), where + " tags"));
            }
        }
        if (inScope.isEmpty()) {
            inScope.add(new Intent(
                    newcomer.id(),
                    IntentKind.IN_SCOPE,
                    newcomer.name() + ". " + newcomer.description(),
                    newcomer.id() + " description"));
        }
        inScope.forEach(
                intent -> handoff.add(new Intent(newcomer.id(), IntentKind.HANDOFF, intent.text(), intent.source())));

        Set<String> newWords = Words.set(newcomer.text());
        List<Intent> boundary = new ArrayList<>();
        for (AgentCard other : pool.cards()) {
            if (other.id().equals(newcomer.id())) {
                continue;
            }
            for (Skill skill : other.skills()) {
                String text = skill.name() + ". " + skill.description() + " " + String.join(" ", skill.examples());
                Set<String> words = Words.set(text);
                words.retainAll(newWords);
                if (words.size() >= BOUNDARY_OVERLAP) {
                    boundary.add(new Intent(
                            newcomer.id(),
                            IntentKind.BOUNDARY,
                            skill.name() + ". " + skill.description(),
                            other.id() + "/" + skill.id()));
                    skill.examples()
                            .forEach(example -> boundary.add(new Intent(
                                    newcomer.id(),
                                    IntentKind.BOUNDARY,
                                    example,
                                    other.id() + "/" + skill.id() + " example")));
                }
            }
        }

        Set<String> vocabulary = new HashSet<>(newWords);
        pool.cards().forEach(card -> vocabulary.addAll(Words.set(card.text())));
        List<WarmupTask> accepted = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int[] next = new int[3];
        List<List<Intent>> queues = List.of(inScope, handoff, boundary);
        int[] schedule = {0, 1, 0, 2};
        for (int attempt = 0; attempt < budget * ATTEMPTS_PER_TASK && accepted.size() < budget; attempt++) {
            int queue = schedule[attempt % schedule.length];
            if (queues.get(queue).isEmpty()) {
                queue = 0;
            }
            List<Intent> intents = queues.get(queue);
            Intent intent = intents.get(next[queue]++ % intents.size());
            TaskId id = TaskId.of("warmup-%s-%03d".formatted(newcomer.id(), attempt));
            Optional<WarmupTask> task = catalogue.materialize(intent, id);
            if (task.isEmpty()) {
                continue;
            }
            WarmupTask made = task.get();
            if (!seen.add(made.key())) {
                continue;
            }
            if (Words.set(made.probedText()).stream().noneMatch(vocabulary::contains)) {
                continue;
            }
            accepted.add(made);
        }
        return List.copyOf(accepted);
    }
}
