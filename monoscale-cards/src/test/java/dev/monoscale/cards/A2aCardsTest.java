package dev.monoscale.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.cards.A2aCards.EndpointRule;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Skill;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class A2aCardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    class Forms {

        @Test
        void reads_a_0_2_style_card_with_its_url_as_a_jsonrpc_endpoint_of_unknown_protocol_version() {
            String json = """
                    {"name": "Air Ticketing Agent", "description": "Books flights", "url": "http://localhost:10103/",
                     "version": "1.0.0", "defaultInputModes": ["text"], "defaultOutputModes": ["text/plain"],
                     "skills": [{"id": "book", "name": "Book Air Tickets", "description": "Books tickets",
                                 "tags": ["Book air tickets"], "examples": ["Book SFO to LHR"]}]}
                    """;

            AgentCard card = A2aCards.parse(json, "air.json");

            assertThat(card)
                    .isEqualTo(new AgentCard(
                            AgentId.of("air-ticketing-agent"),
                            "Air Ticketing Agent",
                            "Books flights",
                            List.of(new Skill(
                                    "book",
                                    "Book Air Tickets",
                                    "Books tickets",
                                    List.of("Book air tickets"),
                                    List.of("Book SFO to LHR"))),
                            List.of("text"),
                            List.of("text/plain"),
                            List.of(new Endpoint(URI.create("http://localhost:10103/"), "JSONRPC", "")),
                            "1.0.0"));
        }

        @Test
        void reads_a_0_3_card_with_its_preferred_transport_and_additional_interfaces_listed_once() {
            String json = """
                    {"protocolVersion": "0.3.0", "name": "Echo", "description": "", "skills": [],
                     "url": "https://echo.example.com/rpc", "preferredTransport": "JSONRPC",
                     "additionalInterfaces": [
                       {"url": "https://echo.example.com/rpc", "transport": "JSONRPC"},
                       {"url": "https://echo.example.com/rest", "transport": "HTTP+JSON"}]}
                    """;

            AgentCard card = A2aCards.parse(json, "echo.json");

            assertThat(card.endpoints())
                    .containsExactly(
                            new Endpoint(URI.create("https://echo.example.com/rpc"), "JSONRPC", "0.3.0"),
                            new Endpoint(URI.create("https://echo.example.com/rest"), "HTTP+JSON", "0.3.0"));
        }

        @Test
        void reads_a_1_0_card_with_one_endpoint_per_supported_interface() {
            String json = """
                    {"name": "Echo", "description": "d", "version": "1", "skills": [],
                     "supportedInterfaces": [
                       {"url": "http://127.0.0.1:41241/a2a/jsonrpc", "protocolBinding": "JSONRPC",
                        "protocolVersion": "1.0"},
                       {"url": "http://127.0.0.1:41241/a2a/rest", "protocolBinding": "HTTP+JSON",
                        "protocolVersion": "0.3"}]}
                    """;

            AgentCard card = A2aCards.parse(json, "echo.json");

            assertThat(card.endpoints())
                    .containsExactly(
                            new Endpoint(URI.create("http://127.0.0.1:41241/a2a/jsonrpc"), "JSONRPC", "1.0"),
                            new Endpoint(URI.create("http://127.0.0.1:41241/a2a/rest"), "HTTP+JSON", "0.3"));
        }

        @Test
        void reads_a_hybrid_card_by_its_supported_interfaces_and_ignores_its_0_3_url() {
            String json = """
                    {"name": "Echo", "description": "d", "skills": [], "protocolVersion": "0.3",
                     "url": "http://127.0.0.1:41241/a2a/jsonrpc", "preferredTransport": "JSONRPC",
                     "supportedInterfaces": [
                       {"url": "http://127.0.0.1:41241/a2a/rest", "protocolBinding": "HTTP+JSON",
                        "protocolVersion": "1.0"}]}
                    """;

            AgentCard card = A2aCards.parse(json, "echo.json");

            assertThat(detect(json)).isEqualTo(A2aCardVersion.V1_0);
            assertThat(card.endpoints())
                    .containsExactly(new Endpoint(URI.create("http://127.0.0.1:41241/a2a/rest"), "HTTP+JSON", "1.0"));
        }

        @Test
        void detects_the_form_from_supported_interfaces_then_protocol_version_then_falls_back_to_0_2() {
            assertThat(detect("{\"supportedInterfaces\": []}")).isEqualTo(A2aCardVersion.V1_0);
            assertThat(detect("{\"protocolVersion\": \"0.3.0\"}")).isEqualTo(A2aCardVersion.V0_3);
            assertThat(detect("{\"protocolVersion\": \"0.2.5\"}")).isEqualTo(A2aCardVersion.V0_2);
            assertThat(detect("{\"url\": \"http://a\"}")).isEqualTo(A2aCardVersion.V0_2);
        }

        @Test
        void leaves_tags_examples_modes_and_version_empty_when_the_card_omits_them() {
            String json = """
                    {"name": "Bare", "description": "d", "url": "http://localhost:1",
                     "skills": [{"id": "s", "name": "S", "description": "d"}]}
                    """;

            AgentCard card = A2aCards.parse(json, "bare.json");

            assertThat(card.skills()).containsExactly(new Skill("s", "S", "d", List.of(), List.of()));
            assertThat(card.inputModes()).isEmpty();
            assertThat(card.outputModes()).isEmpty();
            assertThat(card.version()).isEmpty();
        }

        @Test
        void adds_the_modes_a_skill_declares_after_the_cards_default_modes() {
            String json = """
                    {"name": "Vision", "description": "d", "url": "http://localhost:1",
                     "defaultInputModes": ["text/plain"], "defaultOutputModes": ["text/plain"],
                     "skills": [{"id": "s", "name": "S", "description": "d",
                                 "inputModes": ["image/png", "text/plain"], "outputModes": ["application/json"]}]}
                    """;

            AgentCard card = A2aCards.parse(json, "vision.json");

            assertThat(card.inputModes()).containsExactly("text/plain", "image/png");
            assertThat(card.outputModes()).containsExactly("text/plain", "application/json");
        }

        @Test
        void reads_a_card_file_and_names_it_as_given_in_messages(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("card.json");
            Files.writeString(file, "{\"name\": \"x\"}");

            Throwable thrown = catchThrowable(() -> A2aCards.read(file));

            assertThat(thrown).hasMessage(file + ": description = (missing); allowed: a string (may be empty)");
        }

        @Test
        void names_a_missing_file() {
            Path file = Path.of("no-such-card.json");

            Throwable thrown = catchThrowable(() -> A2aCards.read(file));

            assertThat(thrown)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("no-such-card.json: (file) = (missing); allowed: an existing agent card file");
        }
    }

    @Nested
    class Rejects {

        @Test
        void a_card_without_a_name() {
            String json = """
                    {"description": "d", "url": "http://localhost:1", "skills": []}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("card.json: name = (missing); allowed: a non-blank string");
        }

        @Test
        void a_blank_name() {
            String json = """
                    {"name": "  ", "description": "d", "url": "http://localhost:1", "skills": []}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown).hasMessage("card.json: name = '  '; allowed: a non-blank string");
        }

        @Test
        void a_name_with_no_letter_or_digit_to_make_an_id_from() {
            String json = """
                    {"name": "***", "description": "d", "url": "http://localhost:1", "skills": []}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .hasMessage("card.json: name = '***'; allowed: a name with at least one ASCII letter or digit");
        }

        @Test
        void a_missing_description_but_not_an_empty_one() {
            String missing = """
                    {"name": "A", "url": "http://localhost:1", "skills": []}
                    """;
            String empty = """
                    {"name": "A", "description": "", "url": "http://localhost:1", "skills": []}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(missing, "card.json"));

            assertThat(thrown).hasMessage("card.json: description = (missing); allowed: a string (may be empty)");
            assertThat(A2aCards.parse(empty, "card.json").description()).isEmpty();
        }

        @Test
        void skills_that_are_not_an_array() {
            String json = """
                    {"name": "A", "description": "d", "url": "http://localhost:1",
                     "skills": {"id": "s", "name": "S", "description": "d"}}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("card.json: skills = {\"id\":\"s\",\"name\":\"S\",\"description\":\"d\"};"
                            + " allowed: an array of skills (may be empty)");
        }

        @Test
        void a_skill_without_an_id() {
            String json = """
                    {"name": "A", "description": "d", "url": "http://localhost:1",
                     "skills": [{"id": "s", "name": "S", "description": "d"}, {"name": "T", "description": "d"}]}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("card.json: skills[1].id = (missing); allowed: a non-blank string");
        }

        @Test
        void a_skill_without_a_description() {
            String json = """
                    {"name": "A", "description": "d", "url": "http://localhost:1",
                     "skills": [{"id": "s", "name": "S"}]}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .hasMessage("card.json: skills[0].description = (missing); allowed: a string (may be empty)");
        }

        @Test
        void two_skills_with_the_same_id() {
            String json = """
                    {"name": "A", "description": "d", "url": "http://localhost:1",
                     "skills": [{"id": "s", "name": "S", "description": "d"},
                                {"id": "s", "name": "T", "description": "d"}]}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .hasMessage("card.json: skills[1].id = 's'; allowed: an id not already used by skills[0].id");
        }

        @Test
        void a_tag_that_is_a_number() {
            String json = """
                    {"name": "A", "description": "d", "url": "http://localhost:1",
                     "skills": [{"id": "s", "name": "S", "description": "d", "tags": ["maths", 42]}]}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("card.json: skills[0].tags[1] = 42; allowed: a string");
        }

        @Test
        void an_empty_supported_interfaces_list() {
            String json = """
                    {"name": "A", "description": "d", "skills": [], "supportedInterfaces": []}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("card.json: supportedInterfaces = []; allowed: a non-empty array of"
                            + " {url, protocolBinding, protocolVersion} objects");
        }

        @Test
        void a_supported_interface_without_a_binding() {
            String json = """
                    {"name": "A", "description": "d", "skills": [],
                     "supportedInterfaces": [{"url": "https://a.example.com", "protocolVersion": "1.0"}]}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .hasMessage("card.json: supportedInterfaces[0].protocolBinding = (missing);"
                            + " allowed: a transport name such as JSONRPC, GRPC or HTTP+JSON");
        }

        @Test
        void a_url_that_is_not_absolute() {
            String json = """
                    {"name": "A", "description": "d", "skills": [], "url": "/a2a/jsonrpc"}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("card.json: url = '/a2a/jsonrpc'; allowed: an absolute http or https URL");
        }

        @Test
        void a_url_with_another_scheme() {
            String json = """
                    {"name": "A", "description": "d", "skills": [],
                     "supportedInterfaces": [{"url": "ftp://a.example.com/", "protocolBinding": "JSONRPC"}]}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .hasMessage("card.json: supportedInterfaces[0].url = 'ftp://a.example.com/';"
                            + " allowed: an absolute http or https URL");
        }

        @Test
        void a_card_that_names_no_endpoint() {
            String json = """
                    {"name": "A", "description": "d", "skills": []}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown).hasMessage("card.json: url = (missing); allowed: an absolute http or https URL");
        }

        @Test
        void a_1_0_card_with_a_top_level_url_instead_of_supported_interfaces() {
            String json = """
                    {"protocolVersion": "1.0", "name": "A", "description": "d", "skills": [],
                     "url": "http://localhost:1"}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .hasMessage("card.json: url = 'http://localhost:1';"
                            + " allowed: no top-level url in a 1.0 card; list it under supportedInterfaces");
        }

        @Test
        void an_unknown_protocol_version() {
            String json = """
                    {"protocolVersion": "2.0", "name": "A", "description": "d", "skills": [],
                     "url": "http://localhost:1"}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown).hasMessage("card.json: protocolVersion = '2.0'; allowed: a string 0.2.x, 0.3.x or 1.x");
        }

        @Test
        void a_version_that_is_not_a_string() {
            String json = """
                    {"name": "A", "description": "d", "skills": [], "url": "http://localhost:1", "version": 1.5}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown).hasMessage("card.json: version = 1.5; allowed: a string such as '1.0.0'");
        }

        @Test
        void text_that_is_not_json_naming_the_parsers_line_and_column() {
            String text = """
                    {"name": "A",
                     description: "d"}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(text, "card.json"));

            assertThat(thrown)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("card.json: line 2, column 2 = not JSON: Unexpected character ('d' (code 100)):"
                            + " was expecting double-quote to start field name;"
                            + " allowed: one JSON object (an A2A agent card)");
        }

        @Test
        void a_card_cut_short_without_describing_the_parsers_input_source() {
            Throwable thrown = catchThrowable(() -> A2aCards.parse("{\"name\": \"A\", \"skills\": [", "card.json"));

            assertThat(thrown)
                    .hasMessage("card.json: line 1, column 26 = not JSON: Unexpected end-of-input:"
                            + " expected close marker for Array; allowed: one JSON object (an A2A agent card)");
        }

        @Test
        void text_after_the_card() {
            String text = """
                    {"name": "A", "description": "d", "skills": [], "url": "http://localhost:1"}
                    {"name": "B"}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(text, "card.json"));

            assertThat(thrown)
                    .hasMessage("card.json: line 2, column 1 = not JSON:"
                            + " Trailing token (of type START_OBJECT) found after value;"
                            + " allowed: one JSON object (an A2A agent card)");
        }

        @Test
        void json_that_is_not_an_object() {
            Throwable thrown = catchThrowable(() -> A2aCards.parse("[1, 2]", "card.json"));

            assertThat(thrown).hasMessage("card.json: (root) = [1,2]; allowed: one JSON object (an A2A agent card)");
        }

        @Test
        void an_empty_document() {
            Throwable thrown = catchThrowable(() -> A2aCards.parse("  \n", "card.json"));

            assertThat(thrown)
                    .hasMessage("card.json: (root) = (missing); allowed: one JSON object (an A2A agent card)");
        }

        @Test
        void a_card_with_a_field_given_twice() {
            String json = """
                    {"name": "A", "description": "d", "skills": [], "url": "http://localhost:1", "name": "B"}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .hasMessageStartingWith("card.json: line 1, column ")
                    .hasMessageContaining("not JSON: Duplicate field 'name'");
        }

        @Test
        void with_a_long_multi_line_value_quoted_escaped_and_cut_on_one_line() {
            String json = """
                    {"name": "A", "description": "d", "skills": [],
                     "url": "see the README\\nfor the address, which changes every week so it is not written here"}
                    """;

            Throwable thrown = catchThrowable(() -> A2aCards.parse(json, "card.json"));

            assertThat(thrown)
                    .hasMessage("card.json: url = 'see the README\\nfor the address, which changes every"
                            + " week s…'; allowed: an absolute http or https URL");
            assertThat(thrown.getMessage()).doesNotContain("\n");
        }
    }

    @Nested
    class Embedded {

        @Test
        void names_fields_of_an_embedded_card_by_their_full_path() throws Exception {
            JsonNode card = JSON.readTree("""
                    {"name": "Doc Reader", "description": "d",
                     "skills": [{"id": "read", "name": "", "description": "d"}]}
                    """);

            Throwable thrown = catchThrowable(() -> A2aCards.parse(card, "world.json", "workers[3].card"));

            assertThat(thrown)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("world.json: workers[3].card.skills[0].name = ''; allowed: a non-blank string")
                    .extracting(e -> ((InvalidInputException) e).field())
                    .isEqualTo("workers[3].card.skills[0].name");
        }

        @Test
        void accepts_an_embedded_card_without_an_endpoint_when_the_caller_allows_it() throws Exception {
            JsonNode card = JSON.readTree("""
                    {"name": "Doc Reader", "description": "Reads documents", "skills": []}
                    """);

            AgentCard parsed = A2aCards.parse(card, "world.json", "workers[3].card", EndpointRule.OPTIONAL);

            assertThat(parsed.id()).isEqualTo(AgentId.of("doc-reader"));
            assertThat(parsed.endpoints()).isEmpty();
        }

        @Test
        void requires_an_endpoint_of_an_embedded_card_by_default() throws Exception {
            JsonNode card = JSON.readTree("""
                    {"name": "Doc Reader", "description": "Reads documents", "skills": []}
                    """);

            Throwable thrown = catchThrowable(() -> A2aCards.parse(card, "world.json", "workers[3].card"));

            assertThat(thrown)
                    .hasMessage("world.json: workers[3].card.url = (missing); allowed: an absolute http or https URL");
        }

        @Test
        void still_checks_the_url_of_an_embedded_card_that_has_one() throws Exception {
            JsonNode card = JSON.readTree("""
                    {"name": "Doc Reader", "description": "d", "skills": [], "url": "localhost:8080"}
                    """);

            Throwable thrown =
                    catchThrowable(() -> A2aCards.parse(card, "world.json", "workers[3].card", EndpointRule.OPTIONAL));

            assertThat(thrown)
                    .hasMessage(
                            "world.json: workers[3].card.url = 'localhost:8080'; allowed: an absolute http or https URL");
        }

        @Test
        void names_an_embedded_card_that_is_not_an_object_by_its_path() throws Exception {
            JsonNode card = JSON.readTree("\"doc-reader\"");

            Throwable thrown =
                    catchThrowable(() -> A2aCards.parse(card, "world.json", "workers[3].card", EndpointRule.OPTIONAL));

            assertThat(thrown)
                    .hasMessage(
                            "world.json: workers[3].card = 'doc-reader'; allowed: one JSON object (an A2A agent card)");
        }
    }

    private static A2aCardVersion detect(String json) {
        try {
            return A2aCards.detect(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new AssertionError("test JSON does not parse: " + json, e);
        }
    }
}
