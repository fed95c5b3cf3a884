package dev.monoscale.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class JsonFieldTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonField root(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return JsonField.root("spec.json", node);
    }

    @Test
    void an_unknown_field_is_named_with_the_fields_allowed_where_it_stands() throws Exception {
        JsonField root = root("{\"workers\": [{\"id\": \"a\", \"profil\": {}}]}");

        assertThatThrownBy(() -> root.known("workers", "stages")
                        .get("workers")
                        .array("a list")
                        .getFirst()
                        .known("id", "profile"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.json: workers[0].profil = (unknown field);"
                        + " allowed: the fields id, profile in workers[0]");
        assertThatThrownBy(() -> root.known("stages"))
                .hasMessage("spec.json: workers = (unknown field); allowed: the fields stages");
    }

    @Test
    void numbers_are_checked_against_their_range_and_an_absent_one_takes_its_default() throws Exception {
        JsonField root = root("{\"turns\": 21, \"weight\": 0.5, \"rate\": \"high\", \"big\": 3000000000}");

        assertThat(root.get("weight").number(1, 0, 1_000)).isEqualTo(0.5);
        assertThat(root.get("missing").integer(4, 1, 20)).isEqualTo(4);
        assertThat(root.get("missing").number(0.001, 0, 1)).isEqualTo(0.001);
        assertThatThrownBy(() -> root.get("turns").integer(4, 1, 20))
                .hasMessage("spec.json: turns = 21; allowed: a whole number in [1, 20]");
        assertThatThrownBy(() -> root.get("big").integer("an integer"))
                .hasMessage("spec.json: big = 3000000000; allowed: an integer");
        assertThatThrownBy(() -> root.get("rate").number(0, 1, "a probability, a number in [0, 1]"))
                .hasMessage("spec.json: rate = 'high'; allowed: a probability, a number in [0, 1]");
        assertThatThrownBy(() -> root.get("weight").number(1, 3))
                .hasMessage("spec.json: weight = 0.5; allowed: a number in [1, 3]");
    }

    @Test
    void a_required_field_that_is_absent_or_null_is_missing() throws Exception {
        JsonField root = root("{\"card\": null}");

        assertThatThrownBy(() -> root.required("card", "an A2A card object"))
                .hasMessage("spec.json: card = (missing); allowed: an A2A card object");
        assertThatThrownBy(() -> root.get("steps").nonEmptyArray("a non-empty array"))
                .hasMessage("spec.json: steps = (missing); allowed: a non-empty array");
    }

    @Test
    void members_keep_their_names_even_with_dots_and_their_paths() throws Exception {
        JsonField scores = root("{\"scores\": {\"gpt-3.5\": 0.5, \"b\": null}}").get("scores");

        assertThat(scores.members().keySet()).containsExactly("gpt-3.5", "b");
        assertThat(scores.members().get("gpt-3.5").path()).isEqualTo("scores.gpt-3.5");
        assertThat(scores.members().get("b").isPresent()).isFalse();
    }

    @Test
    void any_string_keeps_control_characters_that_string_refuses() throws Exception {
        JsonField text = root("{\"pattern\": \"a\\u001b[31m\"}").get("pattern");

        assertThat(text.anyString("a string")).isEqualTo("a\u001b[31m");
        assertThatThrownBy(() -> text.string("a string")).hasMessageContaining("control character U+001B");
    }
}
