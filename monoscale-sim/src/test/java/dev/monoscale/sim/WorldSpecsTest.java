package dev.monoscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorldSpecsTest {

    static final String TINY = """
            {
              "name": "tiny",
              "skills": [{"id": "search", "output": "text"}, {"id": "math", "output": "number"}],
              "families": [{
                "id": "lookup-sum", "text": "Find {thing} and add it up",
                "slots": {"thing": ["apples", "pears"]},
                "steps": [{"skill": "search", "text": "Search for {thing}"}, {"skill": "math", "text": "Add up the numbers"}]
              }],
              "workers": [
                {"id": "searcher", "card": {"name": "Searcher", "description": "Searches the web",
                  "skills": [{"id": "s", "name": "Search", "description": "web search", "tags": ["search"]}]},
                 "profile": {"skills": {"search": 0.9}}},
                {"id": "adder", "card": {"name": "Adder", "description": "Adds numbers",
                  "skills": [{"id": "a", "name": "Add", "description": "adds up numbers", "tags": ["math"]}]},
                 "profile": {"skills": {"math": 0.8}, "failureModes": [{"type": "flaky-timeout", "rate": 0.1}]}}
              ],
              "stages": [{"join": ["searcher"]}, {"join": ["adder"]}]
            }
            """;

    @Test
    void reads_a_valid_spec() {
        WorldSpec spec = WorldSpecs.parse(TINY, "tiny.json");

        assertThat(spec.name()).isEqualTo("tiny");
        assertThat(spec.families().getFirst().steps().get(1).inputs()).containsExactly(0);
        assertThat(spec.workers())
                .extracting(WorldSpec.WorkerSpec::id)
                .containsExactly(AgentId.of("searcher"), AgentId.of("adder"));
        assertThat(spec.workers().get(1).profile().failureModes()).containsExactly(new FailureMode.FlakyTimeout(0.1));
        assertThat(spec.workers().getFirst().card().endpoints().getFirst().url().toString())
                .isEqualTo("sim://tiny/searcher");
    }

    @Test
    void a_probability_of_1_7_names_the_file_the_field_the_value_and_the_range() {
        String broken = TINY.replace("\"search\": 0.9", "\"search\": 1.7");

        assertThatThrownBy(() -> WorldSpecs.parse(broken, "tiny.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "tiny.json: workers[0].profile.skills.search = 1.7; allowed: a probability, a number in [0, 1]");
    }

    @Test
    void an_unknown_skill_in_a_step_names_the_declared_skills() {
        String broken = TINY.replace("{\"skill\": \"math\", \"text\"", "{\"skill\": \"maths\", \"text\"");

        assertThatThrownBy(() -> WorldSpecs.parse(broken, "tiny.json"))
                .hasMessage(
                        "tiny.json: families[0].steps[1].skill = 'maths'; allowed: a skill declared in skills: [search, math]");
    }

    @Test
    void an_unknown_skill_in_a_profile_is_rejected() {
        String broken = TINY.replace("\"math\": 0.8", "\"juggling\": 0.8");

        assertThatThrownBy(() -> WorldSpecs.parse(broken, "tiny.json"))
                .hasMessage(
                        "tiny.json: workers[1].profile.skills = 'juggling'; allowed: skills declared in skills: [search, math]");
    }

    @Test
    void a_missing_field_is_named() {
        String broken = TINY.replace("\"text\": \"Find {thing} and add it up\",", "");

        assertThatThrownBy(() -> WorldSpecs.parse(broken, "tiny.json"))
                .hasMessage("tiny.json: families[0].text = (missing); allowed: a non-blank string");
    }

    @Test
    void a_stage_may_only_name_declared_workers_once() {
        assertThatThrownBy(() -> WorldSpecs.parse(
                        TINY.replace("{\"join\": [\"adder\"]}", "{\"join\": [\"searcher\"]}"), "tiny.json"))
                .hasMessage(
                        "tiny.json: stages[1].join[0] = 'searcher'; allowed: a worker that has not joined at an earlier stage");
        assertThatThrownBy(() -> WorldSpecs.parse(
                        TINY.replace("{\"join\": [\"adder\"]}", "{\"join\": [\"nobody\"]}"), "tiny.json"))
                .hasMessageStartingWith(
                        "tiny.json: stages[1].join[0] = 'nobody'; allowed: a worker id declared in workers");
    }

    @Test
    void a_placeholder_without_a_slot_is_rejected() {
        assertThatThrownBy(
                        () -> WorldSpecs.parse(TINY.replace("Search for {thing}", "Search for {fruit}"), "tiny.json"))
                .hasMessage(
                        "tiny.json: families[0].steps[0].text = '{fruit}'; allowed: placeholders naming a declared slot: [thing]");
    }

    @Test
    void an_unknown_failure_mode_lists_the_known_ones() {
        assertThatThrownBy(() -> WorldSpecs.parse(TINY.replace("flaky-timeout", "grumpy"), "tiny.json"))
                .hasMessageStartingWith(
                        "tiny.json: workers[1].profile.failureModes[0].type = 'grumpy'; allowed: one of [exaggerated-card, broken-tool,");
    }

    @Test
    void text_that_is_not_json_names_the_line_and_column() {
        assertThatThrownBy(() -> WorldSpecs.parse("{\n  \"name\": oops }", "bad.json"))
                .hasMessage(
                        "bad.json: (document) = not JSON at line 2, column 11; allowed: a JSON object as described in docs/world-spec.md");
    }

    @Test
    void an_unknown_world_name_lists_the_built_in_worlds() {
        assertThatThrownBy(() -> WorldSpecs.load("paper-nosiy"))
                .hasMessage(
                        "--world: world = 'paper-nosiy'; allowed: a built-in world [paper-clean, paper-noisy] or the path of a world spec JSON file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"paper-clean", "paper-noisy"})
    void the_built_in_worlds_grow_three_five_seven_ten(String name) {
        SimWorld world = SimWorld.create(WorldSpecs.builtIn(name), 1);

        assertThat(world.stages()).extracting(stage -> stage.pool().size()).containsExactly(3, 5, 7, 10);
    }
}
