package dev.monoscale.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The short forms for cards, skills, tasks and replies written in code say exactly what the long forms would. */
class WrittenInCodeTest {

    @Test
    void a_card_written_in_code_takes_its_id_from_its_name_and_reads_and_writes_text() {
        AgentCard card =
                AgentCard.of("Quick Math", "Does arithmetic", Skill.of("Sums", "Adds numbers", "What is 2 + 2?"));

        assertThat(card)
                .isEqualTo(new AgentCard(
                        AgentId.of("quick-math"),
                        "Quick Math",
                        "Does arithmetic",
                        List.of(new Skill("sums", "Sums", "Adds numbers", List.of(), List.of("What is 2 + 2?"))),
                        List.of("text"),
                        List.of("text"),
                        List.of(),
                        "1"));
    }

    @Test
    void a_card_whose_name_has_no_letter_or_digit_is_refused_naming_the_name() {
        assertThatThrownBy(() -> AgentCard.of("!!", "nothing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot make an agent id from the name '!!'");
    }

    @Test
    void a_task_written_in_code_is_one_step_with_the_tasks_text() {
        assertThat(Task.of("ask-1", "What is 12 times 12?"))
                .isEqualTo(new Task(
                        TaskId.of("ask-1"),
                        "What is 12 times 12?",
                        List.of(new Subtask(0, "What is 12 times 12?", List.of()))));
    }

    @Test
    void replies_written_in_code_take_no_time_and_cost_nothing() {
        assertThat(WorkerReply.answered("144")).isEqualTo(new WorkerReply.Answered("144", "text", Duration.ZERO, 0));
        assertThat(WorkerReply.failed(FailureKind.REJECTED, "not mine"))
                .isEqualTo(new WorkerReply.Failed(FailureKind.REJECTED, "not mine", Duration.ZERO, 0));
    }
}
