package dev.monoscale.store;

import static dev.monoscale.testkit.MemoryFixtures.initial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.MemoryJson.Numbers;
import dev.monoscale.testkit.MemoryFixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MemoryJsonTest {

    @Test
    void a_memory_reads_back_equal_to_what_was_written() {
        RoutingMemory awkward = MemoryFixtures.awkward();
        RoutingMemory withTestAndProbes = LegacyMemories.v2(awkward);

        assertThat(MemoryJson.read(MemoryJson.write(awkward), "body")).isEqualTo(awkward);
        assertThat(MemoryJson.read(MemoryJson.write(withTestAndProbes), "body")).isEqualTo(withTestAndProbes);
        assertThat(MemoryJson.read(MemoryJson.write(initial("a", "b")), "body")).isEqualTo(initial("a", "b"));
    }

    @Test
    void numbers_json_cannot_hold_are_written_as_strings_and_negative_zero_keeps_its_sign() {
        String json = MemoryJson.write(MemoryFixtures.awkward());

        assertThat(json)
                .contains(
                        "\"gain\":-0.0",
                        "\"gainInterval\":[\"-Infinity\",\"NaN\"]",
                        "\"kl\":\"Infinity\"",
                        "\"confidence\":0.30000000000000004",
                        "\"alpha\":4.9E-324");
    }

    @Test
    void the_initial_memory_has_a_null_parent_and_no_chosen_candidate() {
        assertThat(MemoryJson.write(initial("a"))).isEqualTo("""
                {"version":"v0","parent":null,"createdAt":"2026-01-01T00:00:00Z","validated":["a"],\
                "gate":{"outcome":"initial","reason":"the empty initial memory","onboarded":[],"delta":0.0,"alpha":0.0,\
                "evaluationTasks":0,"candidates":[]},"entries":[]}""");
    }

    @Test
    void the_report_form_has_the_same_fields_with_numbers_rounded_to_four_places_and_non_finite_ones_null() {
        ObjectNode stored = MemoryJson.tree(LegacyMemories.v2(MemoryFixtures.awkward()), Numbers.EXACT);
        ObjectNode report = MemoryJson.tree(LegacyMemories.v2(MemoryFixtures.awkward()), Numbers.ROUNDED);
        ObjectNode awkward = MemoryJson.tree(MemoryFixtures.awkward(), Numbers.ROUNDED);

        assertThat(report.toString().replaceAll("[-0-9.E]+|null|\"(NaN|-?Infinity)\"", "#"))
                .isEqualTo(stored.toString().replaceAll("[-0-9.E]+|null|\"(NaN|-?Infinity)\"", "#"));
        assertThat(report.path("entries").get(0).path("confidence").toString()).isEqualTo("0.3");
        assertThat(report.path("gate").path("test").path("level").toString()).isEqualTo("0.0125");
        assertThat(awkward.path("gate")
                        .path("candidates")
                        .get(0)
                        .path("gainInterval")
                        .toString())
                .isEqualTo("[null,null]");
        assertThat(awkward.path("gate").path("candidates").get(0).path("kl").isNull())
                .isTrue();
    }

    @Test
    void the_entries_guidance_uses_lower_case_stances_and_lists_after_workers_only_for_a_constraint() {
        ObjectNode entry = MemoryJson.entry(MemoryFixtures.awkward().entries().getFirst(), Numbers.ROUNDED);

        assertThat(entry.path("guidance").toString()).isEqualTo("""
                [{"worker":"coder","stance":"constrain","afterWorkers":["quick-math","web-surfer"]},\
                {"worker":"vision-analyst","stance":"prefer"}]""");
    }

    @Test
    void a_version_in_the_form_the_stores_wrote_before_reads_as_it_was_written() throws IOException {
        String before = LegacyMemories.text(LegacyMemories.V2_BODY);

        assertThat(before).contains("\"version\":2", "\"outcome\":\"ACCEPTED\"", "\"gainLow\"", "\"ciLow\"");
        assertThat(MemoryJson.read(before, "body"))
                .isEqualTo(LegacyMemories.history().get(2));
    }

    @Test
    void a_missing_field_is_named() {
        String json = MemoryJson.write(initial("a")).replace("\"createdAt\"", "\"created\"");

        assertThatThrownBy(() -> MemoryJson.read(json, "body"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("body: createdAt = (missing); allowed: an ISO-8601 instant");
    }

    @Test
    void a_field_of_the_wrong_type_is_named_with_its_value() {
        String json = MemoryJson.write(initial("a")).replace("\"delta\":0.0", "\"delta\":\"wide\"");

        assertThatThrownBy(() -> MemoryJson.read(json, "body"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("body: gate.delta = 'wide'; allowed: a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
    }

    @Test
    void an_unknown_outcome_is_named_with_the_ones_allowed() {
        String json = MemoryJson.write(initial("a")).replace("\"initial\"", "\"approved\"");

        assertThatThrownBy(() -> MemoryJson.read(json, "body"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("body: gate.outcome = 'approved'; allowed: initial, accepted, fallback, ungated, rollback");
    }
}
