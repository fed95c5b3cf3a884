package dev.monoscale.replay;

import static dev.monoscale.replay.ReplayFixtures.LLMROUTER;
import static dev.monoscale.replay.ReplayFixtures.MMLU;
import static dev.monoscale.replay.ReplayFixtures.copy;
import static dev.monoscale.replay.ReplayFixtures.editCell;
import static dev.monoscale.replay.ReplayFixtures.editLine;
import static dev.monoscale.replay.ReplayFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.monoscale.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayDatasetsTest {

    @TempDir
    Path tmp;

    // ------------------------------------------------------------ mmlu-pro-routing

    @Test
    void loads_the_clean_mmlu_questions_split_by_question_id_modulo_five() {
        ReplayDataset dataset = ReplayDatasets.load(fixture(MMLU));

        assertThat(dataset.name()).isEqualTo("mmlu-pro-routing");
        assertThat(dataset.questions()).hasSize(200);
        assertThat(dataset.dev()).hasSize(37).allMatch(q -> Integer.parseInt(q.id()) % 5 == 0);
        assertThat(dataset.test()).hasSize(163).allMatch(q -> Integer.parseInt(q.id()) % 5 != 0);
    }

    @Test
    void drops_mmlu_questions_whose_answer_key_conflicts_between_runs() {
        ReplayDataset dataset = ReplayDatasets.load(fixture(MMLU));

        assertThat(dataset.questions()).extracting(ReplayQuestion::id).doesNotContain("143", "1289", "2129", "2253");
    }

    @Test
    void takes_the_mmlu_models_from_the_outcomes_header_in_order() {
        ReplayDataset dataset = ReplayDatasets.load(fixture(MMLU));

        assertThat(dataset.models()).hasSize(29);
        assertThat(dataset.models().getFirst()).isEqualTo("DeepSeek-Coder-V2");
        assertThat(dataset.models().getLast()).isEqualTo("mathstral-7B");
    }

    @Test
    void mmlu_text_is_the_question_then_its_options_lettered_one_per_line() {
        ReplayQuestion question = ReplayDatasets.load(fixture(MMLU)).questions().getFirst();

        assertThat(question.id()).isEqualTo("70");
        assertThat(question.category()).isEqualTo("business");
        assertThat(question.split()).isEqualTo(Split.DEV);
        assertThat(question.text().lines().toList())
                .hasSize(10)
                .startsWith(
                        "Typical advertising regulatory bodies suggest, for example that adverts must not: "
                                + "encourage _________, cause unnecessary ________ or _____, and must not cause _______ offence.",
                        "A. Safe practices, Fear, Jealousy, Trivial")
                .endsWith("I. Unsafe practices, Distress, Fear, Serious");
    }

    @Test
    void reads_mmlu_outcomes_and_output_characters_per_model() {
        ReplayDataset dataset = ReplayDatasets.load(fixture(MMLU));
        ReplayQuestion question = dataset.questions().getFirst();

        assertThat(dataset.score(question, "gemma-7b")).isEqualTo(1.0);
        assertThat(dataset.score(question, "Yi-6b-Chat")).isEqualTo(0.0);
        assertThat(question.cost()).containsEntry("DeepSeek-Coder-V2", 282.0).hasSize(29);
    }

    @Test
    void a_model_without_a_record_has_no_score_key_and_scores_zero() {
        ReplayDataset dataset = ReplayDatasets.load(fixture(MMLU));
        ReplayQuestion question = dataset.questions().stream()
                .filter(q -> q.id().equals("3875"))
                .findFirst()
                .orElseThrow();

        assertThat(question.scores()).doesNotContainKey("DeepSeek-Coder-V2").hasSize(28);
        assertThat(question.cost()).doesNotContainKey("DeepSeek-Coder-V2");
        assertThat(dataset.score(question, "DeepSeek-Coder-V2")).isZero();
    }

    @Test
    void reads_the_stages_and_their_published_anchors() {
        ReplayDataset dataset = ReplayDatasets.load(fixture(MMLU));

        assertThat(dataset.stages()).extracting(ReplayStage::index).containsExactly(0, 1, 2);
        assertThat(dataset.stages().getFirst())
                .isEqualTo(new ReplayStage(
                        0,
                        List.of("Qwen1.5-72B-Chat", "Phi-3-mini-4k-instruct"),
                        new Anchors(0.4479, "Qwen1.5-72B-Chat", 0.4601, 0.4724, 0.5767)));
        assertThat(dataset.pool(2))
                .containsExactly(
                        "Qwen1.5-72B-Chat",
                        "Phi-3-mini-4k-instruct",
                        "DeepSeek-Coder-V2",
                        "Yi-6b-Chat",
                        "gemini-1.5-pro-002");
    }

    @Test
    void reads_the_stages_from_another_file_when_given_one() throws Exception {
        Path stages = tmp.resolve("stages.json");
        Files.writeString(stages, """
                {"stages": [{"added": ["gemma-7b"], "random_router": 0.3, "best_single_chosen_on_dev": ["gemma-7b", 0.3],
                  "category_router_fit_on_dev": 0.3, "oracle": 0.3}]}
                """);

        ReplayDataset dataset = ReplayDatasets.load(fixture(MMLU), stages);

        assertThat(dataset.stages())
                .containsExactly(new ReplayStage(0, List.of("gemma-7b"), new Anchors(0.3, "gemma-7b", 0.3, 0.3, 0.3)));
    }

    // ------------------------------------------------------------ llmrouter-14task

    @Test
    void loads_llmrouter_train_as_dev_and_only_the_clean_test_rows() {
        ReplayDataset dataset = ReplayDatasets.load(fixture(LLMROUTER));

        assertThat(dataset.name()).isEqualTo("llmrouter-14task");
        assertThat(dataset.dev()).hasSize(130).allMatch(q -> q.id().startsWith("train-"));
        assertThat(dataset.test()).hasSize(48).allMatch(q -> q.id().startsWith("test-"));
        assertThat(dataset.questions())
                .extracting(ReplayQuestion::id)
                .doesNotContain("test-00350", "test-00352", "test-00400", "test-00401");
    }

    @Test
    void llmrouter_models_are_the_scored_ones_ordered_by_name() {
        ReplayDataset dataset = ReplayDatasets.load(fixture(LLMROUTER));

        assertThat(dataset.models())
                .containsExactly(
                        "codegemma-7b",
                        "gemma-2-9b-it",
                        "llama-3.1-8b-instruct",
                        "llama-3.1-nemotron-51b-instruct",
                        "llama-3.3-nemotron-super-49b-v1",
                        "llama3-chatqa-1.5-70b",
                        "llama3-chatqa-1.5-8b",
                        "mistral-7b-instruct-v0.3",
                        "qwen2.5-7b-instruct");
    }

    @Test
    void llmrouter_questions_are_the_query_in_its_task_category() {
        ReplayQuestion question =
                ReplayDatasets.load(fixture(LLMROUTER)).questions().getFirst();

        assertThat(question.id()).isEqualTo("train-00000");
        assertThat(question.category()).isEqualTo("agentverse-logicgrid");
        assertThat(question.text()).startsWith("Q: There are 3 houses in a row").hasSize(1473);
    }

    @Test
    void commongen_scores_stay_fractional() {
        ReplayDataset dataset = ReplayDatasets.load(fixture(LLMROUTER));
        ReplayQuestion question = dataset.questions().stream()
                .filter(q -> q.id().equals("train-00350"))
                .findFirst()
                .orElseThrow();

        assertThat(question.category()).isEqualTo("commongen");
        assertThat(dataset.score(question, "mistral-7b-instruct-v0.3")).isEqualTo(0.6363636364);
    }

    @Test
    void llmrouter_cost_is_the_list_price_times_query_tokens_plus_256_output_tokens() {
        ReplayQuestion question =
                ReplayDatasets.load(fixture(LLMROUTER)).questions().getFirst();

        assertThat(question.cost()).hasSize(9);
        assertThat(question.cost().get("gemma-2-9b-it")).isCloseTo((0.1 * 1473 / 4 + 0.1 * 256) / 1e6, within(1e-15));
        assertThat(question.cost().get("llama3-chatqa-1.5-70b"))
                .isCloseTo((0.9 * 1473 / 4 + 0.9 * 256) / 1e6, within(1e-15));
    }

    // ------------------------------------------------------------ malformed input

    @Test
    void rejects_an_outcomes_row_with_the_wrong_number_of_columns() {
        Path dir = copy(MMLU, tmp);
        editLine(dir.resolve("outcomes.csv"), 3, line -> line + ",1");

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        dir.resolve("outcomes.csv") + ": line 3 = 33 columns; allowed: 32 columns, as in the header");
    }

    @Test
    void rejects_an_outcome_that_is_not_a_score() {
        Path dir = copy(MMLU, tmp);
        editCell(dir.resolve("outcomes.csv"), 17, "gemma-7b", "2");

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("outcomes.csv")
                        + ": line 17, column gemma-7b = '2'; allowed: 0, 1, empty (no record) or a number in [0, 1]");
    }

    @Test
    void rejects_an_outcome_that_is_not_a_number() {
        Path dir = copy(MMLU, tmp);
        editCell(dir.resolve("outcomes.csv"), 5, "Yi-34B", "yes");

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("outcomes.csv")
                        + ": line 5, column Yi-34B = 'yes'; allowed: 0, 1, empty (no record) or a number in [0, 1]");
    }

    @Test
    void accepts_a_fractional_outcome_in_the_unit_interval() {
        Path dir = copy(MMLU, tmp);
        editCell(dir.resolve("outcomes.csv"), 2, "gemma-7b", "0.25");

        ReplayDataset dataset = ReplayDatasets.load(dir);

        assertThat(dataset.score(dataset.questions().getFirst(), "gemma-7b")).isEqualTo(0.25);
    }

    @Test
    void rejects_output_characters_that_are_not_a_count() {
        Path dir = copy(MMLU, tmp);
        editCell(dir.resolve("output_chars.csv"), 4, "gemma-7b", "-3");

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("output_chars.csv")
                        + ": line 4, column gemma-7b = '-3'; allowed: empty or a whole number of characters >= 0");
    }

    @Test
    void rejects_a_questions_line_that_is_not_json() {
        Path dir = copy(MMLU, tmp);
        editLine(dir.resolve("questions.jsonl"), 7, line -> "{\"question_id\": 76,");

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("questions.jsonl")
                        + ": line 7 = '{\"question_id\": 76,'; allowed: one JSON object per line");
    }

    @Test
    void rejects_a_question_whose_id_is_missing_from_the_outcomes() {
        Path dir = copy(MMLU, tmp);
        editLine(
                dir.resolve("questions.jsonl"),
                2,
                line -> line.replace("\"question_id\": 71,", "\"question_id\": 99999,"));

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("questions.jsonl") + ": line 2, question_id = 99999; allowed: an id present in "
                        + dir.resolve("outcomes.csv"));
    }

    @Test
    void rejects_an_outcomes_row_whose_question_is_missing() {
        Path dir = copy(MMLU, tmp);
        editLine(dir.resolve("questions.jsonl"), 2, line -> "");

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("outcomes.csv") + ": line 3, question_id = 71; allowed: an id present in "
                        + dir.resolve("questions.jsonl"));
    }

    @Test
    void rejects_an_output_characters_row_for_an_unknown_question() {
        Path dir = copy(MMLU, tmp);
        editCell(dir.resolve("output_chars.csv"), 6, "question_id", "12345678");

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("output_chars.csv")
                        + ": line 6, column question_id = 12345678; allowed: an id present in "
                        + dir.resolve("outcomes.csv"));
    }

    @Test
    void rejects_a_stage_that_names_an_unknown_model() {
        Path dir = copy(MMLU, tmp);
        Path stages = dir.resolve("stages_and_anchors.json");
        rewrite(stages, "\"Yi-6b-Chat\"", "\"Yi-7b-Chat\"");

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(stages + ": stages[1].added[1] = 'Yi-7b-Chat'; allowed: a model of "
                        + "mmlu-pro-routing: DeepSeek-Coder-V2, Llama-2-13b-hf, ")
                .hasMessageEndingWith(", jamba-1.5-large, mathstral-7B");
    }

    @Test
    void rejects_a_directory_without_known_data_files() {
        assertThatThrownBy(() -> ReplayDatasets.load(tmp))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(
                        tmp + ": (layout) = no file in a known layout (files: none); allowed: one *.jsonl")
                .hasMessageContaining("(generic, docs/replay-format.md); or queries_scores.jsonl")
                .hasMessageEndingWith("header question_id,category,key_conflict (mmlu-pro-routing)");
    }

    @Test
    void rejects_an_llmrouter_score_outside_the_unit_interval() {
        Path dir = copy(LLMROUTER, tmp);
        editLine(
                dir.resolve("queries_scores.jsonl"),
                17,
                line -> line.replaceFirst("\"gemma-2-9b-it\": [0-9.]+", "\"gemma-2-9b-it\": 1.5"));

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("queries_scores.jsonl")
                        + ": line 17, scores.gemma-2-9b-it = 1.5; allowed: null (no record) or a number in [0, 1]");
    }

    @Test
    void rejects_an_llmrouter_line_that_is_not_json() {
        Path dir = copy(LLMROUTER, tmp);
        editLine(dir.resolve("queries_scores.jsonl"), 3, line -> "not json");

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("queries_scores.jsonl")
                        + ": line 3 = 'not json'; allowed: one JSON object per line");
    }

    @Test
    void rejects_an_llmrouter_row_with_an_unknown_split() {
        Path dir = copy(LLMROUTER, tmp);
        editLine(
                dir.resolve("queries_scores.jsonl"),
                4,
                line -> line.replace("\"split\": \"train\"", "\"split\": \"dev\""));

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("queries_scores.jsonl") + ": line 4, split = 'dev'; allowed: train or test");
    }

    private static void rewrite(Path file, String from, String to) {
        try {
            Files.writeString(file, Files.readString(file).replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException("rewriting " + file, e);
        }
    }
}
