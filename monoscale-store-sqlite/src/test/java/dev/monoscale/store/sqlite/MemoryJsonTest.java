package dev.monoscale.store.sqlite;

import static dev.monoscale.testkit.MemoryFixtures.initial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.memory.RoutingMemory;
import org.junit.jupiter.api.Test;

class MemoryJsonTest {

    @Test
    void a_memory_reads_back_equal_to_what_was_written() {
        RoutingMemory awkward = StoreFixtures.awkward();

        assertThat(MemoryJson.read(MemoryJson.write(awkward))).isEqualTo(awkward);
        assertThat(MemoryJson.read(MemoryJson.write(initial("a", "b")))).isEqualTo(initial("a", "b"));
    }

    @Test
    void numbers_json_cannot_hold_are_written_as_strings_and_negative_zero_keeps_its_sign() {
        String json = MemoryJson.write(StoreFixtures.awkward());

        assertThat(json).contains("\"gain\":-0.0", "\"gainLow\":\"-Infinity\"", "\"gainHigh\":\"NaN\"", "\"kl\":\"Infinity\"",
                "\"confidence\":0.30000000000000004", "\"alpha\":4.9E-324");
    }

    @Test
    void the_initial_memory_has_a_null_parent_and_no_chosen_candidate() {
        assertThat(MemoryJson.write(initial("a"))).isEqualTo("""
                {"version":0,"parent":null,"createdAt":"2026-01-01T00:00:00Z","validated":["a"],"entries":[],\
                "gate":{"outcome":"INITIAL","reason":"the empty initial memory","onboarded":[],"delta":0.0,"alpha":0.0,\
                "evaluationTasks":0,"candidates":[],"chosen":null}}""");
    }

    @Test
    void a_missing_field_is_named() {
        String json = MemoryJson.write(initial("a")).replace("\"createdAt\"", "\"created\"");

        assertThatThrownBy(() -> MemoryJson.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'createdAt' is missing");
    }

    @Test
    void a_field_of_the_wrong_type_is_named_with_its_value() {
        String json = MemoryJson.write(initial("a")).replace("\"delta\":0.0", "\"delta\":\"wide\"");

        assertThatThrownBy(() -> MemoryJson.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'delta' is \"wide\"; allowed: a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
    }
}
