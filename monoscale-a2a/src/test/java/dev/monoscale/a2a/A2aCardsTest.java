package dev.monoscale.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class A2aCardsTest {

    /** The real cards in {@code shared/data/agent-cards}, found beside the repository (CI checks shared/ out there). */
    static Path sharedCards() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path cards = dir.resolve("shared/data/agent-cards");
            if (Files.isDirectory(cards)) {
                return cards;
            }
        }
        return fail("shared/data/agent-cards was not found beside the repository or above %s", Path.of("").toAbsolutePath());
    }

    static Stream<Path> realCards() throws IOException {
        try (Stream<Path> files = Files.list(sharedCards())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void there_are_twenty_two_real_cards() throws IOException {
        assertThat(realCards()).hasSize(22);
    }

    @ParameterizedTest
    @MethodSource("realCards")
    void every_real_card_parses_or_names_its_defect_in_one_line(Path file) {
        try {
            AgentCard card = A2aCards.read(file);
            assertThat(card.name()).isNotBlank();
            assertThat(card.endpoints()).isNotEmpty();
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith(file.toString() + ": ").doesNotContain("\n");
        }
    }

    @Test
    void a_v1_card_keeps_every_supported_interface() {
        AgentCard card = A2aCards.read(sharedCards().resolve("a2a-samples__currency_agent_v1.0.json"));

        assertThat(card.id()).isEqualTo(AgentId.of("currency-conversion-agent"));
        assertThat(card.endpoints()).containsExactly(
                new Endpoint(URI.create("http://localhost:10999"), "JSONRPC", "1.0"),
                new Endpoint(URI.create("http://localhost:10999"), "JSONRPC", "0.3"));
        assertThat(card.skills().getFirst().tags()).containsExactly("currency", "conversion");
    }

    @Test
    void a_v0_2_style_card_has_its_url_as_a_json_rpc_endpoint_without_a_protocol_version() throws IOException {
        Path file = sharedCards().resolve("a2a-samples__air_ticketing_agent.json");

        AgentCard card = A2aCards.read(file);

        assertThat(A2aCards.detect(new ObjectMapper().readTree(file.toFile()))).isEqualTo(A2aCardVersion.V0_2);
        assertThat(card.endpoints()).containsExactly(new Endpoint(URI.create("http://localhost:10103/"), "JSONRPC", ""));
        assertThat(card.skills()).singleElement().satisfies(skill -> assertThat(skill.tags()).containsExactly("Book air tickets"));
    }

    @Test
    void a_v0_3_card_carries_its_preferred_transport_and_protocol_version() throws IOException {
        Path file = sharedCards().resolve("shiv33ndu__song_generation_agent.json");

        AgentCard card = A2aCards.read(file);

        assertThat(A2aCards.detect(new ObjectMapper().readTree(file.toFile()))).isEqualTo(A2aCardVersion.V0_3);
        assertThat(card.endpoints().getFirst().protocolVersion()).isEqualTo("0.3.0");
        assertThat(card.endpoints().getFirst().binding()).isEqualTo("JSONRPC");
        assertThat(card.skills()).hasSize(2);
    }

    @Test
    void a_card_whose_url_is_a_template_placeholder_is_refused_with_the_value() {
        Path file = sharedCards().resolve("lkrdev__looker_conversational_analytics_agent.json");

        assertThatThrownBy(() -> A2aCards.read(file))
                .hasMessage(file + ": url = \"https://<LOOKER_URL>/api/4.0/a2a/agents/<AGENT_ID>\"; allowed: an absolute http or https URL");
    }

    @Test
    void a_missing_name_is_named() {
        assertThatThrownBy(() -> A2aCards.parse("{\"description\": \"d\", \"url\": \"http://a.example/\", \"skills\": []}", "card.json"))
                .hasMessage("card.json: name = (missing); allowed: a non-blank string");
    }

    @Test
    void a_skill_without_an_id_is_named_with_its_index() {
        String json = """
                {"name": "A", "description": "d", "url": "http://a.example/",
                 "skills": [{"id": "ok", "name": "Ok", "description": "fine"}, {"name": "No id", "description": "x"}]}
                """;

        assertThatThrownBy(() -> A2aCards.parse(json, "card.json")).hasMessage("card.json: skills[1].id = (missing); allowed: a non-blank string");
    }

    @Test
    void a_tag_that_is_not_a_string_is_refused() {
        String json = """
                {"name": "A", "description": "d", "url": "http://a.example/",
                 "skills": [{"id": "s", "name": "S", "description": "x", "tags": ["ok", 7]}]}
                """;

        assertThatThrownBy(() -> A2aCards.parse(json, "card.json")).hasMessage("card.json: skills[0].tags[1] = 7; allowed: a string");
    }

    @Test
    void a_v1_card_needs_at_least_one_interface() {
        assertThatThrownBy(() -> A2aCards.parse("{\"name\": \"A\", \"description\": \"d\", \"supportedInterfaces\": [], \"skills\": []}", "card.json"))
                .hasMessage("card.json: supportedInterfaces = []; allowed: a non-empty array of {url, protocolBinding, protocolVersion}");
    }

    @Test
    void text_that_is_not_json_names_the_line_and_column() {
        assertThatThrownBy(() -> A2aCards.parse("{\"name\": ", "card.json")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("card.json: (document) = not JSON at line 1, column").hasMessageNotContaining("\n");
    }

    @Test
    void an_embedded_card_reports_paths_under_its_prefix_and_may_lack_an_endpoint() throws IOException {
        var node = new ObjectMapper().readTree("{\"name\": \"A\", \"description\": \"d\", \"skills\": [{\"id\": \"s\", \"name\": \"\", \"description\": \"x\"}]}");

        assertThatThrownBy(() -> A2aCards.parse(node, "world.json", "workers[3].card", false))
                .hasMessage("world.json: workers[3].card.skills[0].name = \"\"; allowed: a non-blank string");
        var ok = new ObjectMapper().readTree("{\"name\": \"A\", \"description\": \"d\", \"skills\": []}");
        assertThat(A2aCards.parse(ok, "world.json", "workers[0].card", false).endpoints()).isEqualTo(List.of());
    }
}
