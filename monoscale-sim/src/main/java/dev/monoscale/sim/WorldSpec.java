package dev.monoscale.sim;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A simulated world as its JSON spec declares it: skills, task families, workers with their cards and hidden
 * profiles, and the stage schedule. {@link WorldSpecs} reads and validates it; {@link SimWorld} runs it.
 */
public record WorldSpec(
        String name,
        String description,
        List<SkillSpec> skills,
        List<FamilySpec> families,
        List<WorkerSpec> workers,
        List<StageSpec> stages,
        long timeoutMillis) {

    public WorldSpec {
        skills = List.copyOf(skills);
        families = List.copyOf(families);
        workers = List.copyOf(workers);
        stages = List.copyOf(stages);
    }

    /** A kind of work a step can need, and the format of what it produces. */
    public record SkillSpec(String id, String description, String outputFormat) {}

    /**
     * A family of tasks: templates whose {@code {slot}} placeholders are filled from {@code slots}, and a chain
     * of 1 to 3 steps, each needing one skill.
     */
    public record FamilySpec(
            String id, double weight, String text, Map<String, List<String>> slots, List<StepSpec> steps) {
        public FamilySpec {
            slots = Map.copyOf(slots);
            steps = List.copyOf(steps);
        }
    }

    /** One step of a family: the skill it needs (hidden from the router), its text, and the steps it reads. */
    public record StepSpec(String skill, String text, List<Integer> inputs) {
        public StepSpec {
            inputs = List.copyOf(inputs);
        }
    }

    /** A worker: the card the router sees and the profile only the world knows. */
    public record WorkerSpec(AgentId id, AgentCard card, Profile profile) {}

    /**
     * How a worker really behaves.
     *
     * @param skills success probability per skill id, each in [0, 1]
     * @param otherSkills success probability on any skill not named, in [0, 1]
     * @param latencyMillis typical latency of one call
     * @param cost cost of one call, in abstract units
     */
    public record Profile(
            Map<String, Double> skills,
            double otherSkills,
            long latencyMillis,
            double cost,
            List<FailureMode> failureModes) {
        public Profile {
            skills = Map.copyOf(skills);
            failureModes = List.copyOf(failureModes);
        }

        public <T extends FailureMode> Optional<T> mode(Class<T> kind) {
            return failureModes.stream()
                    .filter(kind::isInstance)
                    .map(kind::cast)
                    .findFirst();
        }
    }

    /** The workers that join at one stage. */
    public record StageSpec(List<AgentId> join) {
        public StageSpec {
            join = List.copyOf(join);
        }
    }
}
