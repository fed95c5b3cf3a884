package dev.monoscale.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.synthesis.Intent;
import dev.monoscale.synthesis.IntentKind;
import dev.monoscale.synthesis.WarmupTask;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How the confirm rule parts a new worker's planned tasks into the selection and the confirmation half. */
class ConfirmSplitTest {

    private static final AgentId NEW = AgentId.of("transcriber");

    @Test
    void every_pattern_is_parted_evenly_so_neither_half_is_left_with_one_task_of_it() {
        // two patterns of four tasks each: a split drawn at random as a whole leaves one of them with 0 or 1 task
        // in the selection half for most seeds, too few for an entry
        List<WarmupTask> plan = new ArrayList<>();
        for (String item : List.of("books", "cities", "paintings", "ingredients")) {
            plan.add(task("Transcribe the attached voice memo and list the " + item + " mentioned"));
            plan.add(task("Read the values of the " + item + " bars in the attached chart image"));
        }

        for (long seed = 1; seed <= 50; seed++) {
            ConfirmStrategy.Split split = ConfirmStrategy.split(HoldoutStrategy.shuffled(plan, seed, NEW), seed, NEW);

            assertThat(split.selection()).as("seed %d", seed).hasSize(4);
            assertThat(split.selection().stream().filter(t -> t.probedText().startsWith("Transcribe")))
                    .as("seed %d: the memo pattern's tasks in the selection half", seed)
                    .hasSize(2);
            assertThat(split.confirmation().stream().filter(t -> t.probedText().startsWith("Transcribe")))
                    .as("seed %d: the memo pattern's tasks in the confirmation half", seed)
                    .hasSize(2);
        }
    }

    @Test
    void a_patterns_odd_task_goes_to_either_half_by_the_seed() {
        List<WarmupTask> plan = new ArrayList<>();
        for (String item : List.of("books", "cities", "paintings", "ingredients", "rivers")) {
            plan.add(task("Transcribe the attached voice memo and list the " + item + " mentioned"));
        }

        Set<Integer> selectionSizes = new HashSet<>();
        LongStream.rangeClosed(1, 40).forEach(seed -> {
            ConfirmStrategy.Split split = ConfirmStrategy.split(plan, seed, NEW);
            assertThat(split.selection().size() + split.confirmation().size()).isEqualTo(5);
            selectionSizes.add(split.selection().size());
            assertThat(ConfirmStrategy.split(plan, seed, NEW))
                    .as("the same seed parts the same way")
                    .isEqualTo(split);
        });

        assertThat(selectionSizes).containsExactlyInAnyOrder(2, 3);
    }

    @Test
    void a_pattern_of_two_tasks_is_parted_with_the_rest_and_so_sometimes_puts_both_in_the_selection_half() {
        // parted on its own it would put one task in each half for every seed, and never have the two tasks an
        // entry needs; with the other small patterns it has a random split's chance of both
        List<WarmupTask> plan = new ArrayList<>();
        plan.add(task("Transcribe the attached voice memo and list the books mentioned"));
        plan.add(task("Transcribe the attached voice memo and list the cities mentioned"));
        plan.addAll(Stream.of(
                        "Which river flows through Vienna",
                        "Name the author of Middlemarch",
                        "What is the boiling point of ethanol",
                        "How many moons has Mars")
                .map(ConfirmSplitTest::task)
                .toList());

        Set<Long> bothInSelection = new HashSet<>();
        for (long seed = 1; seed <= 40; seed++) {
            ConfirmStrategy.Split split = ConfirmStrategy.split(HoldoutStrategy.shuffled(plan, seed, NEW), seed, NEW);
            assertThat(split.selection()).as("seed %d", seed).hasSize(3);
            if (split.selection().stream()
                            .filter(t -> t.probedText().startsWith("Transcribe"))
                            .count()
                    == 2) {
                bothInSelection.add(seed);
            }
        }

        assertThat(bothInSelection).isNotEmpty();
    }

    @Test
    void tasks_unlike_each_other_are_parted_together_into_two_exact_halves() {
        // questions from a dataset share few words: each is a pattern of its own, and a coin per question would
        // make the selection half anywhere from 1 to 9 of 10
        List<String> questions = List.of(
                "Which river flows through Vienna",
                "Solve for x when 3x plus 4 equals 19",
                "Name the author of Middlemarch",
                "What is the boiling point of ethanol",
                "Translate bonjour into English",
                "How many moons has Mars",
                "Who painted the Night Watch",
                "What does HTTP stand for",
                "Compute the derivative of sine",
                "Which element has atomic number 26");
        List<WarmupTask> plan = questions.stream().map(ConfirmSplitTest::task).toList();

        for (long seed = 1; seed <= 50; seed++) {
            ConfirmStrategy.Split split = ConfirmStrategy.split(HoldoutStrategy.shuffled(plan, seed, NEW), seed, NEW);

            assertThat(split.selection()).as("seed %d", seed).hasSize(5);
            assertThat(split.confirmation()).as("seed %d", seed).hasSize(5);
        }
    }

    @Test
    void each_half_keeps_the_order_it_was_given_for_the_confirmation_looks_follow_it() {
        List<WarmupTask> plan = new ArrayList<>();
        for (String item : List.of("books", "cities", "paintings", "ingredients", "rivers", "songs")) {
            plan.add(task("Transcribe the attached voice memo and list the " + item + " mentioned"));
        }

        ConfirmStrategy.Split split = ConfirmStrategy.split(plan, 7, NEW);

        assertThat(split.selection()).isSubsetOf(plan);
        assertThat(split.selection()).isSortedAccordingTo((a, b) -> plan.indexOf(a) - plan.indexOf(b));
        assertThat(split.confirmation()).isSortedAccordingTo((a, b) -> plan.indexOf(a) - plan.indexOf(b));
        assertThat(split.selection()).doesNotContainAnyElementsOf(split.confirmation());
        assertThat(split.selection()).hasSize(3);
    }

    private static WarmupTask task(String text) {
        Task task = new Task(TaskId.of("t-" + text.hashCode()), text, List.of(new Subtask(0, text, List.of())));
        return new WarmupTask(task, 0, new Intent(NEW, IntentKind.IN_SCOPE, "transcribe audio", "transcriber/skill"));
    }
}
