package dev.monoscale.replay;

import static dev.monoscale.replay.ReplayFixtures.LLMROUTER;
import static dev.monoscale.replay.ReplayFixtures.MMLU;
import static dev.monoscale.replay.ReplayFixtures.copy;
import static dev.monoscale.replay.ReplayFixtures.editLine;
import static dev.monoscale.replay.ReplayFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Task;
import dev.monoscale.core.Verdict;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own dataset in the generic layout, with their own cards and a stages file of {@code added} only. */
class OwnDataTest {

    static final String OWN = "own-data";
    static final String OWN_CARDS = "own-data-cards";

    @TempDir
    Path tmp;

    @Test
    void reads_the_generic_layout_with_its_cost_unit_and_a_stages_file_of_added_only() {
        ReplayDataset data = ReplayDatasets.load(fixture(OWN));

        assertThat(data.layout()).isEqualTo("generic");
        assertThat(data.models()).containsExactly("acme-small", "acme-large", "codewright-7b", "atlas-mini");
        assertThat(data.questions()).hasSize(132);
        assertThat(data.dev()).hasSize(44);
        assertThat(data.test()).hasSize(88);
        assertThat(data.costUnit()).contains("USD");
        assertThat(data.stages())
                .extracting(ReplayStage::added)
                .containsExactly(List.of("acme-small", "acme-large"), List.of("codewright-7b"), List.of("atlas-mini"));
        assertThat(data.stages()).allMatch(stage -> stage.published().isEmpty());
        ReplayQuestion first = data.questions().getFirst();
        assertThat(first.id()).isEqualTo("q001");
        assertThat(first.category()).isEqualTo("arithmetic");
        assertThat(first.cost().get("acme-large")).isEqualTo(0.008715);
        ReplayQuestion notRun = data.questions().stream()
                .filter(q -> q.id().equals("q007"))
                .findFirst()
                .orElseThrow();
        assertThat(notRun.scores()).doesNotContainKey("codewright-7b");
    }

    @Test
    void recognises_every_layout_from_its_content() {
        assertThat(ReplayDatasets.layout(fixture(OWN))).isEqualTo("generic");
        assertThat(ReplayDatasets.layout(fixture(LLMROUTER))).isEqualTo("llmrouter-14task");
        assertThat(ReplayDatasets.layout(fixture(MMLU))).isEqualTo("mmlu-pro-routing");
    }

    @Test
    void a_generic_dataset_named_questions_jsonl_beside_an_outcomes_csv_is_not_taken_for_mmlu() throws IOException {
        Path dir = copy(OWN, tmp);
        Files.move(dir.resolve("answers.jsonl"), dir.resolve("questions.jsonl"));
        Files.writeString(dir.resolve("outcomes.csv"), "model,accuracy\nacme-small,0.5\n");

        assertThat(ReplayDatasets.load(dir).layout()).isEqualTo("generic");
    }

    @Test
    void without_cost_the_output_tokens_are_the_cost() throws IOException {
        Path dir = copy(OWN, tmp);
        Path file = dir.resolve("answers.jsonl");
        List<String> lines = Files.readAllLines(file);
        Files.write(
                file,
                lines.subList(1, lines.size()).stream()
                        .map(line -> line.replaceAll("\"cost\": \\{[^}]*}, ", ""))
                        .toList());

        ReplayDataset data = ReplayDatasets.load(dir);

        assertThat(data.costUnit()).contains("output tokens");
        assertThat(data.questions().getFirst().cost().get("acme-large")).isEqualTo(381.0);
    }

    @Test
    void a_score_outside_the_unit_interval_is_one_line_naming_file_line_model_and_value() {
        Path dir = copy(OWN, tmp);
        Path file = dir.resolve("answers.jsonl");
        editLine(file, 3, line -> line.replace("\"acme-small\": 1,", "\"acme-small\": 1.7,"));

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": line 3, scores.acme-small = 1.7; allowed: null (not run) or a number in [0, 1]");
    }

    @Test
    void a_duplicate_id_names_the_line_that_used_it_first() {
        Path dir = copy(OWN, tmp);
        Path file = dir.resolve("answers.jsonl");
        editLine(file, 5, line -> line.replace("\"q004\"", "\"q002\""));

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": line 5, id = 'q002'; allowed: an id not used before (first used on line 3)");
    }

    @Test
    void a_cost_without_a_named_unit_is_refused() throws IOException {
        Path dir = copy(OWN, tmp);
        Path file = dir.resolve("answers.jsonl");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(1, lines.size()));

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": line 1, cost = {")
                .hasMessageEndingWith("; allowed: a cost only after a first line {\"format\": \"monoscale-replay\", "
                        + "\"costUnit\": \"...\"} naming its unit");
    }

    @Test
    void a_folder_in_no_known_layout_says_what_each_layout_needs() throws IOException {
        Files.writeString(tmp.resolve("data.jsonl"), "{\"question\": \"q\", \"answers\": {}}\n");

        assertThatThrownBy(() -> ReplayDatasets.load(tmp))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(tmp + ": (layout) = no file in a known layout (files: data.jsonl); allowed: "
                        + "one *.jsonl file of {id, split, text, scores} rows");
    }

    @Test
    void a_stage_naming_an_unknown_model_names_the_stage_the_value_and_the_models() throws IOException {
        Path dir = copy(OWN, tmp);
        Path stages = dir.resolve("stages.json");
        Files.writeString(stages, "{\"stages\": [{\"added\": [\"acme-small\"]}, {\"added\": [\"gpt-9\"]}]}");

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(stages + ": stages[1].added[0] = 'gpt-9'; allowed: a model of own-data: "
                        + "acme-small, acme-large, codewright-7b, atlas-mini");
    }

    @Test
    void a_folder_without_a_stages_file_says_which_files_it_looked_for() throws IOException {
        Path dir = copy(OWN, tmp);
        Files.delete(dir.resolve("stages.json"));

        assertThatThrownBy(() -> ReplayDatasets.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir + ": (stages file) = (missing); allowed: stages.json or stages_and_anchors.json in the "
                        + "folder, or a file given with --stages");
    }

    // ------------------------------------------------------------ cards

    @Test
    void cards_come_from_a_folder_read_recursively_and_match_models_by_name() {
        ReplayDataset data = ReplayDatasets.load(fixture(OWN));

        ReplayWorld world = ReplayWorld.of(data, 1, ReplayCards.folder(fixture(OWN_CARDS)), 0);

        assertThat(world.stages().getLast().pool().ids())
                .containsExactly(
                        AgentId.of("acme-small"),
                        AgentId.of("acme-large"),
                        AgentId.of("codewright-7b"),
                        AgentId.of("atlas-mini"));
        assertThat(world.stages()
                        .getFirst()
                        .pool()
                        .find(AgentId.of("acme-large"))
                        .orElseThrow()
                        .description())
                .startsWith("Acme's (made-up) large general model");
    }

    @Test
    void a_model_without_a_card_in_the_folder_is_one_line_naming_the_model_and_the_folder() throws IOException {
        Path cards = tmp.resolve("cards");
        Files.createDirectories(cards);
        Files.copy(fixture(OWN_CARDS).resolve("atlas-mini.json"), cards.resolve("atlas-mini.json"));
        ReplayDataset data = ReplayDatasets.load(fixture(OWN));

        assertThatThrownBy(() -> ReplayWorld.of(data, 1, ReplayCards.folder(cards), 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(cards + ": card of model 'acme-small' = (missing); allowed: a *.json A2A card under "
                        + cards + " whose \"name\" is 'acme-small' (1 cards found, named atlas-mini)");
    }

    @Test
    void a_model_of_a_user_dataset_without_built_in_card_points_at_the_cards_option() {
        ReplayDataset data = ReplayDatasets.load(fixture(OWN));

        assertThatThrownBy(() -> ReplayWorld.of(data, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "own-data: card of model 'acme-small' = (missing); allowed: a card in one of the built-in card "
                                + "sets [mmlu-pro-routing, llmrouter-14task], or give a folder of cards with --cards DIR (or put "
                                + "them in the dataset's cards/)");
    }

    // ------------------------------------------------------------ cost-aware reward

    @Test
    void with_a_cost_weight_the_reward_is_the_pass_less_the_weighted_cost_of_the_call() {
        ReplayDataset data = ReplayDatasets.load(fixture(OWN));
        ReplayCards cards = ReplayCards.folder(fixture(OWN_CARDS));
        ReplayWorld plain = ReplayWorld.of(data, 1, cards, 0);
        ReplayWorld weighted = ReplayWorld.of(data, 1, cards, 100);
        Task task = weighted.evaluationTasks(1).getFirst();
        plain.evaluationTasks(1);
        ReplayQuestion question = weighted.question(task.id());

        Verdict cheap = verdict(weighted, task, "acme-small");
        Verdict dear = verdict(weighted, task, "acme-large");

        assertThat(question.score("acme-large")).isEqualTo(1.0);
        assertThat(dear.passed()).isTrue();
        assertThat(dear.reward()).isCloseTo(1 - 100 * 0.008715, within(1e-12));
        assertThat(cheap.passed()).isFalse();
        assertThat(cheap.reward()).isCloseTo(-100 * 0.000204, within(1e-12));
        assertThat(verdict(plain, task, "acme-large").reward()).isEqualTo(1.0);
        assertThat(verdict(plain, task, "acme-small").reward()).isEqualTo(0.0);
    }

    // ------------------------------------------------------------ graded scores

    static final String GRADED = "own-data-graded";

    @Test
    void with_graded_scores_the_reward_is_the_recorded_score_and_a_pass_is_a_score_of_at_least_one_half() {
        ReplayDataset data = ReplayDatasets.load(fixture(GRADED));
        ReplayWorld world =
                ReplayWorld.of(data, 1, ReplayCards.folder(fixture(GRADED).resolve("cards")), 0);
        Task task = world.evaluationTasks(2).get(1);

        Verdict small = verdict(world, task, "acme-small");
        Verdict large = verdict(world, task, "acme-large");

        assertThat(world.question(task.id()).scores())
                .containsEntry("acme-small", 0.3)
                .containsEntry("acme-large", 0.6);
        assertThat(small.passed()).isFalse();
        assertThat(small.score()).isEqualTo(0.3);
        assertThat(small.reward()).isEqualTo(0.3);
        assertThat(large.passed()).isTrue();
        assertThat(large.score()).isEqualTo(0.6);
        assertThat(large.reward()).isEqualTo(0.6);
    }

    @Test
    void with_graded_scores_and_a_cost_weight_the_reward_is_the_score_less_the_weighted_cost() {
        ReplayDataset data = ReplayDatasets.load(fixture(GRADED));
        ReplayWorld world =
                ReplayWorld.of(data, 1, ReplayCards.folder(fixture(GRADED).resolve("cards")), 100);
        Task task = world.evaluationTasks(2).get(1);

        Verdict large = verdict(world, task, "acme-large");

        assertThat(large.score()).isEqualTo(0.6);
        assertThat(large.reward()).isCloseTo(0.6 - 100 * 0.005295, within(1e-12));
    }

    @Test
    void with_a_cost_weight_the_oracle_picks_the_best_reward_not_the_best_score() {
        ReplayDataset data = ReplayDatasets.load(fixture(OWN));
        ReplayCards cards = ReplayCards.folder(fixture(OWN_CARDS));
        ReplayWorld plain = ReplayWorld.of(data, 1, cards, 0);
        ReplayWorld weighted = ReplayWorld.of(data, 1, cards, 100);
        Task task = weighted.evaluationTasks(1).getFirst();
        plain.evaluationTasks(1);
        var pool = weighted.stages().getLast().pool();

        // q001: acme-large and atlas-mini are both right; atlas-mini costs 0.000233 against 0.008715
        assertThat(plain.oracle(pool).route(task).steps().getFirst().worker()).isEqualTo(AgentId.of("acme-large"));
        assertThat(weighted.oracle(pool).route(task).steps().getFirst().worker())
                .isEqualTo(AgentId.of("atlas-mini"));
    }

    private static Verdict verdict(ReplayWorld world, Task task, String model) {
        WorkerReply reply =
                world.worker(AgentId.of(model)).call(new WorkerCall(task.id(), 0, task.text(), List.of(), 0));
        Optional<String> answer = reply instanceof WorkerReply.Answered a ? Optional.of(a.content()) : Optional.empty();
        return world.checker().check(task, answer);
    }
}
