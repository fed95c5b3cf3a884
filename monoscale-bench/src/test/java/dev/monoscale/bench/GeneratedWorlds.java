package dev.monoscale.bench;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.Skill;
import dev.monoscale.sim.FailureMode;
import dev.monoscale.sim.WorldSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Random simulated worlds for property tests: a few skills with their own words, families of 1 to 3 steps, and
 * workers whose cards may tell the truth or not and whose profiles may carry any failure mode. Seeded: the same
 * seed gives the same world.
 */
final class GeneratedWorlds {

    private static final List<List<String>> VOCABULARY = List.of(
            List.of("search", "web", "lookup", "facts"),
            List.of("invoice", "billing", "payment", "receipt"),
            List.of("translate", "language", "sentence", "dutch"),
            List.of("forecast", "weather", "rain", "temperature"),
            List.of("prime", "number", "divisor", "integer"),
            List.of("flight", "ticket", "airport", "booking"),
            List.of("transcribe", "audio", "recording", "voice"));

    private GeneratedWorlds() {}

    static WorldSpec generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int skillCount = 3 + random.nextInt(3);
        List<WorldSpec.SkillSpec> skills = new ArrayList<>();
        for (int s = 0; s < skillCount; s++) {
            skills.add(new WorldSpec.SkillSpec(
                    "skill-" + s, String.join(" ", VOCABULARY.get(s)), random.nextBoolean() ? "text" : "table"));
        }
        List<WorldSpec.FamilySpec> families = new ArrayList<>();
        for (int f = 0; f < 4 + random.nextInt(3); f++) {
            int steps = 1 + random.nextInt(3);
            List<WorldSpec.StepSpec> chain = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                int skill = random.nextInt(skillCount);
                List<String> words = VOCABULARY.get(skill);
                chain.add(new WorldSpec.StepSpec(
                        "skill-" + skill,
                        "Please %s the %s and %s for {item}"
                                .formatted(words.get(0), words.get(1), words.get(2 + random.nextInt(2))),
                        s == 0 ? List.of() : List.of(s - 1)));
            }
            families.add(new WorldSpec.FamilySpec(
                    "family-" + f,
                    1 + random.nextInt(3),
                    "Task about {item}",
                    Map.of("item", List.of("alpha", "beta", "gamma", "delta", "epsilon")),
                    chain));
        }
        List<WorldSpec.WorkerSpec> workers = new ArrayList<>();
        int workerCount = 7;
        for (int w = 0; w < workerCount; w++) {
            AgentId id = AgentId.of("worker-" + w);
            int claimed = random.nextInt(skillCount);
            int real = random.nextInt(4) == 0 ? random.nextInt(skillCount) : claimed;
            List<String> words = VOCABULARY.get(claimed);
            AgentCard card = new AgentCard(
                    id,
                    "Worker " + w,
                    "Does " + String.join(" ", words),
                    List.of(new Skill(
                            "s",
                            words.get(0),
                            "Can " + String.join(", ", words),
                            words,
                            List.of("Please " + words.get(0) + " the " + words.get(1)))),
                    List.of("text"),
                    List.of("text"),
                    List.of(new Endpoint(URI.create("sim://generated/" + id), "sim", "")),
                    "1");
            Map<String, Double> success = new TreeMap<>();
            success.put("skill-" + real, 0.3 + 0.7 * random.nextDouble());
            List<FailureMode> modes = new ArrayList<>();
            switch (random.nextInt(6)) {
                case 0 -> modes.add(new FailureMode.BrokenTool("skill-" + real));
                case 1 -> modes.add(new FailureMode.SilentWrongAnswer(java.util.Optional.empty(), random.nextDouble()));
                case 2 -> modes.add(new FailureMode.FlakyTimeout(random.nextDouble() * 0.5));
                case 3 -> modes.add(new FailureMode.InterfaceConstraint(List.of(), List.of("table")));
                case 4 -> modes.add(new FailureMode.OverClaimingGeneralist(random.nextDouble() * 0.5));
                default -> {}
            }
            workers.add(new WorldSpec.WorkerSpec(
                    id, card, new WorldSpec.Profile(success, random.nextDouble() * 0.1, 100, 0.001, modes)));
        }
        List<WorldSpec.StageSpec> stages = List.of(
                new WorldSpec.StageSpec(
                        List.of(AgentId.of("worker-0"), AgentId.of("worker-1"), AgentId.of("worker-2"))),
                new WorldSpec.StageSpec(List.of(AgentId.of("worker-3"), AgentId.of("worker-4"))),
                new WorldSpec.StageSpec(List.of(AgentId.of("worker-5"), AgentId.of("worker-6"))));
        return new WorldSpec("generated-" + seed, "", skills, families, workers, stages, 30_000);
    }
}
