package dev.monoscale.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.cards.A2aCards;
import dev.monoscale.core.AgentCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written A2A cards of the replay datasets' models, in {@code src/main/resources/replay/cards}. */
class ReplayCardsTest {

    private static final Path CARDS = Path.of("src/main/resources/replay/cards");

    private static final List<String> MMLU_PRO_ROUTING = List.of(
            "Mixtral-8x7B-Instruct-v0.1",
            "Phi-3-mini-4k-instruct",
            "Qwen1.5-72B-Chat",
            "mathstral-7B",
            "Yi-6b-Chat",
            "DeepSeek-Coder-V2",
            "Llama-2-7b-hf",
            "Meta-Llama-3_1-70B-Instruct",
            "gemini-1.5-flash-002",
            "gemini-1.5-pro-002");

    private static final List<String> LLMROUTER_14TASK = List.of(
            "mistral-7b-instruct-v0.3",
            "gemma-2-9b-it",
            "llama-3.1-8b-instruct",
            "codegemma-7b",
            "llama3-chatqa-1.5-8b",
            "qwen2.5-7b-instruct",
            "llama3-chatqa-1.5-70b",
            "llama-3.1-nemotron-51b-instruct",
            "llama-3.3-nemotron-super-49b-v1");

    static List<Path> cardFiles() {
        try (Stream<Path> files = Files.walk(CARDS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cardFiles")
    void every_card_parses_and_is_named_after_its_file(Path file) {
        AgentCard card = A2aCards.read(file);

        String fileName = file.getFileName().toString();
        assertThat(card.name()).isEqualTo(fileName.substring(0, fileName.length() - ".json".length()));
        assertThat(card.skills()).isNotEmpty();
        assertThat(card.description()).isNotBlank();
    }

    @Test
    void each_dataset_folder_holds_exactly_its_models_cards() {
        assertThat(namesIn("mmlu-pro-routing")).hasSize(10).containsExactlyInAnyOrderElementsOf(MMLU_PRO_ROUTING);
        assertThat(namesIn("llmrouter-14task")).hasSize(9).containsExactlyInAnyOrderElementsOf(LLMROUTER_14TASK);
        assertThat(cardFiles()).hasSize(19);
    }

    private static List<String> namesIn(String dataset) {
        try (Stream<Path> files = Files.list(CARDS.resolve(dataset))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
