package dev.monoscale.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.cards.A2aCardVersion;
import dev.monoscale.cards.A2aCards;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Skill;
import dev.monoscale.testing.TestData;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real A2A cards: the sixteen Apache-2.0 cards of {@code shared/data/agent-cards}, committed as the fixture
 * {@code agent-cards} with two cards of our own that stand in for the unlicensed ones (see its README). When the
 * shared folder is beside the repository, all 22 cards there are read too; without it that one test is skipped.
 */
class SharedAgentCardsTest {

    @Test
    void finds_the_16_apache_licensed_cards_and_our_2_in_the_fixture() {
        assertThat(cardFiles()).hasSize(18);
        assertThat(cardFiles())
                .filteredOn(name -> name.startsWith("monoscale__"))
                .hasSize(2);
    }

    @Test
    void every_card_of_the_shared_folder_parses_or_fails_with_one_line_naming_the_file_when_the_folder_is_there() {
        Optional<Path> shared = TestData.sharedData("agent-cards");
        assumeTrue(shared.isPresent(), () -> TestData.sharedDataAbsent("agent-cards"));
        List<String> names = TestData.fileNames(shared.orElseThrow(), ".json");
        SoftAssertions softly = new SoftAssertions();

        for (String name : names) {
            Path file = shared.orElseThrow().resolve(name);
            Throwable thrown = catchThrowable(() -> A2aCards.read(file));
            if (thrown != null) {
                softly.assertThat(thrown).as(name).isInstanceOf(InvalidInputException.class);
                softly.assertThat(thrown.getMessage())
                        .as(name)
                        .startsWith(file + ": ")
                        .doesNotContain("\n", "\r");
            }
        }

        softly.assertThat(names).hasSize(22);
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cardFiles")
    void every_card_parses_or_fails_with_one_line_naming_the_file(String fileName) {
        Path file = cardsDir().resolve(fileName);

        Throwable thrown = catchThrowable(() -> A2aCards.read(file));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(InvalidInputException.class);
            assertThat(thrown.getMessage()).startsWith(file + ": ").doesNotContain("\n", "\r");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            A2A__invoice_processing_agent.json                | V1_0 | 1 | 1
            A2A__recipe_agent_full.json                       | V1_0 | 3 | 2
            a2a-samples__air_ticketing_agent.json             | V0_2 | 1 | 1
            a2a-samples__car_rental_agent.json                | V0_2 | 1 | 1
            a2a-samples__check_prime_agent.json               | V0_2 | 1 | 1
            a2a-samples__currency_agent_v0.3.json             | V0_3 | 1 | 1
            a2a-samples__currency_agent_v1.0.json             | V1_0 | 1 | 2
            a2a-samples__facts_agent.json                     | V0_2 | 1 | 1
            a2a-samples__hotel_booking_agent.json             | V0_2 | 1 | 1
            a2a-samples__orchestrator_agent.json              | V0_2 | 1 | 1
            a2a-samples__paid_translation_agent.json          | V0_2 | 1 | 1
            a2a-samples__planner_agent.json                   | V0_2 | 1 | 1
            a2a-samples__recipe_assistant_agent.json          | V1_0 | 1 | 1
            a2a-samples__reimbursement_agent.json             | V0_2 | 3 | 1
            a2a-samples__research_assistant_agent.json        | V1_0 | 2 | 2
            a2a-samples__weather_agent.json                   | V1_0 | 2 | 1
            monoscale__market_figures_agent_v0.3.json         | V0_3 | 2 | 1
            """)
    void each_usable_card_is_read_in_its_form_with_its_skills_and_endpoints(
            String fileName, A2aCardVersion form, int skills, int endpoints) throws IOException {
        Path file = cardsDir().resolve(fileName);

        AgentCard card = A2aCards.read(file);

        assertThat(A2aCards.detect(new ObjectMapper().readTree(file.toFile()))).isEqualTo(form);
        assertThat(card.skills()).hasSize(skills);
        assertThat(card.endpoints()).hasSize(endpoints);
    }

    @Test
    void rejects_a_card_whose_url_is_a_template_with_placeholders() {
        Path file = cardsDir().resolve("monoscale__url_template_agent.json");

        Throwable thrown = catchThrowable(() -> A2aCards.read(file));

        assertThat(thrown)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": url = 'https://<HOST>/a2a/agents/<AGENT_ID>';"
                        + " allowed: an absolute http or https URL");
    }

    @Test
    void reads_the_currency_1_0_card_with_one_endpoint_per_protocol_version() {
        AgentCard card = A2aCards.read(cardsDir().resolve("a2a-samples__currency_agent_v1.0.json"));

        assertThat(card.id().value()).isEqualTo("currency-conversion-agent");
        assertThat(card.endpoints())
                .containsExactly(
                        new Endpoint(URI.create("http://localhost:10999"), "JSONRPC", "1.0"),
                        new Endpoint(URI.create("http://localhost:10999"), "JSONRPC", "0.3"));
    }

    @Test
    void reads_the_air_ticketing_card_as_0_2_style_with_one_tagged_skill() {
        AgentCard card = A2aCards.read(cardsDir().resolve("a2a-samples__air_ticketing_agent.json"));

        assertThat(card.id().value()).isEqualTo("air-ticketing-agent");
        assertThat(card.skills()).singleElement().satisfies(skill -> {
            assertThat(skill.id()).isEqualTo("book_air_tickets");
            assertThat(skill.tags()).containsExactly("Book air tickets");
        });
        assertThat(card.endpoints())
                .containsExactly(new Endpoint(URI.create("http://localhost:10103/"), "JSONRPC", ""));
        assertThat(card.inputModes()).containsExactly("text", "text/plain");
        assertThat(card.version()).isEqualTo("1.0.0");
    }

    @Test
    void reads_a_0_3_cards_binding_from_preferred_transport_and_its_protocol_version() {
        AgentCard card = A2aCards.read(cardsDir().resolve("monoscale__market_figures_agent_v0.3.json"));

        assertThat(card.endpoints())
                .containsExactly(new Endpoint(URI.create("https://figures.example.org"), "JSONRPC", "0.3.0"));
        assertThat(card.skills()).extracting(Skill::id).containsExactly("find_figures", "chart_numbers");
        assertThat(card.skills().getFirst().examples()).isEmpty();
    }

    @Test
    void reads_the_binding_from_transport_when_a_1_0_interface_uses_the_older_field_name() {
        AgentCard card = A2aCards.read(cardsDir().resolve("A2A__recipe_agent_full.json"));

        assertThat(card.endpoints())
                .containsExactly(
                        new Endpoint(URI.create("https://recipes.example.com/a2a"), "jsonrpc", "1.0"),
                        new Endpoint(URI.create("https://recipes.example.com/a2a/grpc"), "grpc", "1.0"));
    }

    static List<String> cardFiles() {
        return TestData.fileNames(cardsDir(), ".json");
    }

    /** The committed fixture of real cards. */
    static Path cardsDir() {
        return TestData.fixture("agent-cards");
    }
}
