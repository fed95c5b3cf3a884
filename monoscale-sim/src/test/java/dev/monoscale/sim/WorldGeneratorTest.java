package dev.monoscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorldGeneratorTest {

    @Test
    void the_same_seed_draws_the_same_world_and_another_seed_another() {
        assertThat(WorldGenerator.generate(11)).isEqualTo(WorldGenerator.generate(11));
        assertThat(WorldGenerator.generate(12)).isNotEqualTo(WorldGenerator.generate(11));
        assertThat(WorldSpecWriter.json(WorldGenerator.generate(11, 9)))
                .isEqualTo(WorldSpecWriter.json(WorldGenerator.generate(11, 9)));
    }

    @Test
    void every_generated_world_is_valid_and_its_json_reads_back_to_the_same_spec() {
        for (long seed = 1; seed <= 60; seed++) {
            WorldSpec world = WorldGenerator.generate(seed);

            WorldSpec read = WorldSpecs.parse(WorldSpecWriter.json(world), "generated-" + seed + ".json");

            assertThat(read).as("seed %d", seed).isEqualTo(world);
        }
    }

    @Test
    void a_world_has_an_initial_pool_and_two_to_four_rounds_of_joiners_with_1_to_3_step_families() {
        for (long seed = 1; seed <= 60; seed++) {
            WorldSpec world = WorldGenerator.generate(seed);

            assertThat(world.stages()).as("seed %d", seed).hasSizeBetween(3, 5);
            assertThat(world.stages().getFirst().join()).hasSizeBetween(1, 4);
            world.stages().forEach(stage -> assertThat(stage.join()).isNotEmpty());
            assertThat(world.workers()).hasSizeBetween(6, 14);
            world.families().forEach(family -> assertThat(family.steps()).hasSizeBetween(1, 3));
            assertThat(world.families().stream()
                            .flatMap(f -> f.steps().stream())
                            .map(WorldSpec.StepSpec::skill)
                            .distinct()
                            .count())
                    .as("every skill is needed by some family")
                    .isEqualTo(world.skills().size());
        }
    }

    @Test
    void the_worker_count_can_be_chosen() {
        for (int workers : List.of(5, 9, 24, 25, 300)) {
            assertThat(WorldGenerator.generate(3, workers).workers()).hasSize(workers);
        }
        assertThatThrownBy(() -> WorldGenerator.generate(3, 4))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--workers")
                .hasMessageContaining("[5, 20000]");
    }

    @Test
    void across_seeds_the_joiners_carry_every_failure_mode_and_some_carry_none() {
        Set<Class<?>> modes = new HashSet<>();
        int clean = 0;
        for (long seed = 1; seed <= 100; seed++) {
            WorldSpec world = WorldGenerator.generate(seed);
            for (WorldSpec.WorkerSpec worker : world.workers()) {
                worker.profile().failureModes().forEach(mode -> modes.add(mode.getClass()));
                clean += worker.profile().failureModes().isEmpty() ? 1 : 0;
            }
        }
        assertThat(modes)
                .containsExactlyInAnyOrder(
                        FailureMode.ExaggeratedCard.class,
                        FailureMode.BrokenTool.class,
                        FailureMode.SilentWrongAnswer.class,
                        FailureMode.InterfaceConstraint.class,
                        FailureMode.FlakyTimeout.class,
                        FailureMode.OverClaimingGeneralist.class);
        assertThat(clean).isPositive();
    }

    @Test
    void a_count_above_24_draws_the_large_layout_an_initial_pool_of_all_but_six_then_two_rounds_of_three() {
        WorldSpec world = WorldGenerator.generate(5, 1006);

        assertThat(world.workers()).hasSize(1006);
        assertThat(world.stages()).extracting(stage -> stage.join().size()).containsExactly(1000, 3, 3);
        assertThat(world.skills()).hasSize(16);
        assertThat(world.stages().getFirst().join())
                .allSatisfy(id -> assertThat(world.workers().stream()
                                .filter(w -> w.id().equals(id))
                                .findFirst()
                                .orElseThrow()
                                .profile()
                                .failureModes())
                        .isEmpty());
        assertThat(WorldGenerator.generate(5, 1006)).isEqualTo(world);
    }

    @Test
    void a_large_generated_world_reads_back_from_its_json_to_the_same_spec() {
        WorldSpec world = WorldGenerator.generate(8, 120);

        assertThat(WorldSpecs.parse(WorldSpecWriter.json(world), "generated-8.json"))
                .isEqualTo(world);
    }
}
