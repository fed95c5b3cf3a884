package dev.monoscale.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.execution.PlanRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exact pass probability of a plan agrees with what running it does, over many samples of the world's draws. */
class PlanSuccessTest {

    private static final int SAMPLES = 2_000;

    @Test
    void the_exact_pass_probability_of_a_plan_matches_the_pass_rate_of_running_it() {
        int checked = 0;
        for (String name : List.of("paper-noisy", "generated")) {
            for (long seed = 1; seed <= 3; seed++) {
                WorldSpec spec = name.equals("generated") ? WorldGenerator.generate(seed) : WorldSpecs.builtIn(name);
                SimWorld world = SimWorld.create(spec, seed);
                PlanRunner runner = new PlanRunner(world::worker, world.checker());
                List<AgentId> ids =
                        spec.workers().stream().map(WorldSpec.WorkerSpec::id).toList();
                SplittableRandom random = new SplittableRandom(seed);
                for (Task task : world.evaluationTasks(5)) {
                    WorldSpec.FamilySpec family = spec.families().stream()
                            .filter(f -> f.id().equals(world.familyOf(task.id())))
                            .findFirst()
                            .orElseThrow();
                    List<AgentId> workers = new ArrayList<>();
                    List<StepDecision> steps = new ArrayList<>();
                    for (Subtask step : task.subtasks()) {
                        AgentId worker = ids.get(random.nextInt(ids.size()));
                        workers.add(worker);
                        steps.add(new StepDecision(step, Policy.pointMass(ids, worker), worker, List.of()));
                    }
                    Plan plan = new Plan(task.id(), steps);
                    int passed = 0;
                    for (int sample = 0; sample < SAMPLES; sample++) {
                        passed += runner.run(task, plan, sample).passed() ? 1 : 0;
                    }
                    double exact = world.planSuccess(family, workers);
                    double tolerance = 4 * Math.sqrt(exact * (1 - exact) / SAMPLES) + 0.005;
                    assertThat((double) passed / SAMPLES)
                            .as("%s seed %d, %s with %s", name, seed, task.id(), workers)
                            .isCloseTo(exact, org.assertj.core.data.Offset.offset(tolerance));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(30);
    }
}
