package dev.monoscale.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.cards.A2aCards;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates world specs. Every problem is reported as one {@link InvalidInputException} line that
 * names the file, the field path, the value and what is allowed; nothing is half-loaded.
 */
public final class WorldSpecs {

    /** The worlds shipped with MonoScale, loadable by name. */
    public static final List<String> BUILT_IN = List.of("paper-clean", "paper-noisy");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9_]+)}");
    private static final Set<String> MODES = new LinkedHashSet<>(List.of(
            "exaggerated-card", "broken-tool", "silent-wrong-answer", "interface-constraint", "flaky-timeout",
            "over-claiming-generalist"));

    private WorldSpecs() {}

    /** A built-in world by name, or a spec file by path. */
    public static WorldSpec load(String nameOrFile) {
        if (BUILT_IN.contains(nameOrFile)) {
            return builtIn(nameOrFile);
        }
        Path file = Path.of(nameOrFile);
        if (!Files.exists(file)) {
            throw new InvalidInputException("--world", "world", "'" + nameOrFile + "'",
                    "a built-in world " + BUILT_IN + " or the path of a world spec JSON file");
        }
        return read(file);
    }

    public static WorldSpec builtIn(String name) {
        String resource = "/worlds/" + name + ".json";
        try (InputStream in = WorldSpecs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidInputException("--world", "world", "'" + name + "'", "one of " + BUILT_IN);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".json");
        } catch (IOException e) {
            throw new InvalidInputException(name + ".json", "(file)", "unreadable: " + e.getMessage(), "a readable resource");
        }
    }

    public static WorldSpec read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), "(file)", "(not found)", "an existing world spec JSON file");
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "(file)", "unreadable: " + e.getMessage(), "a readable UTF-8 file");
        }
    }

    public static WorldSpec parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidInputException(source, "(document)",
                    "not JSON at line %d, column %d".formatted(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr()),
                    "a JSON object as described in docs/world-spec.md");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(source, "(document)", root == null ? "(empty)" : Json.shown(root),
                    "a JSON object as described in docs/world-spec.md");
        }
        return new Reader(new Json(source)).world(root);
    }

    private record Reader(Json json) {

        WorldSpec world(JsonNode root) {
            json.known(root, "", "name", "description", "timeoutMillis", "skills", "families", "workers", "stages");
            String name = json.text(root, "", "name");
            String description = json.text(root, "", "description", "");
            long timeout = (long) json.number(root, "", "timeoutMillis", 30_000, 1, 3_600_000);

            List<WorldSpec.SkillSpec> skills = skills(json.array(root, "", "skills", true));
            Set<String> skillIds = new LinkedHashSet<>();
            skills.forEach(skill -> skillIds.add(skill.id()));

            List<WorldSpec.FamilySpec> families = new ArrayList<>();
            JsonNode familyNodes = json.array(root, "", "families", true);
            Set<String> familyIds = new LinkedHashSet<>();
            for (int i = 0; i < familyNodes.size(); i++) {
                WorldSpec.FamilySpec family = family(familyNodes.get(i), "families[" + i + "]", skillIds);
                if (!familyIds.add(family.id())) {
                    throw json.bad("families[" + i + "].id", familyNodes.get(i).get("id"), "an id not used by another family");
                }
                families.add(family);
            }
            if (families.stream().mapToDouble(WorldSpec.FamilySpec::weight).sum() <= 0) {
                throw new InvalidInputException(json.source(), "families[*].weight", "0 in every family",
                        "weights in [0, 1000] with at least one above 0: tasks are drawn from families in proportion to them");
            }

            JsonNode workerNodes = json.array(root, "", "workers", true);
            Map<AgentId, WorldSpec.WorkerSpec> workers = new LinkedHashMap<>();
            for (int i = 0; i < workerNodes.size(); i++) {
                String path = "workers[" + i + "]";
                WorldSpec.WorkerSpec worker = worker(json.object(workerNodes.get(i), path), path, name, skillIds);
                if (workers.putIfAbsent(worker.id(), worker) != null) {
                    throw json.bad(path + ".id", workerNodes.get(i).get("id"), "an id not used by another worker");
                }
            }
            checkHandoffWorkers(workerNodes, workers.keySet());

            JsonNode stageNodes = json.array(root, "", "stages", true);
            List<WorldSpec.StageSpec> stages = new ArrayList<>();
            Set<AgentId> joined = new LinkedHashSet<>();
            for (int i = 0; i < stageNodes.size(); i++) {
                String path = "stages[" + i + "]";
                json.known(json.object(stageNodes.get(i), path), path, "join");
                JsonNode join = json.array(stageNodes.get(i), path, "join", true);
                List<AgentId> ids = new ArrayList<>();
                for (int j = 0; j < join.size(); j++) {
                    String at = path + ".join[" + j + "]";
                    AgentId id = knownWorker(join.get(j), at, workers.keySet());
                    if (!joined.add(id)) {
                        throw json.bad(at, join.get(j), "a worker that has not joined at an earlier stage");
                    }
                    ids.add(id);
                }
                stages.add(new WorldSpec.StageSpec(ids));
            }
            return new WorldSpec(name, description, skills, families, List.copyOf(workers.values()), stages, timeout);
        }

        List<WorldSpec.SkillSpec> skills(JsonNode nodes) {
            List<WorldSpec.SkillSpec> skills = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < nodes.size(); i++) {
                String path = "skills[" + i + "]";
                JsonNode node = json.object(nodes.get(i), path);
                json.known(node, path, "id", "description", "output");
                String id = id(node, path);
                if (!ids.add(id)) {
                    throw json.bad(path + ".id", node.get("id"), "an id not used by another skill");
                }
                skills.add(new WorldSpec.SkillSpec(id, json.text(node, path, "description", ""),
                        json.text(node, path, "output", "text")));
            }
            return skills;
        }

        WorldSpec.FamilySpec family(JsonNode node, String path, Set<String> skills) {
            json.object(node, path);
            json.known(node, path, "id", "weight", "text", "slots", "steps");
            String id = id(node, path);
            double weight = json.number(node, path, "weight", 1, 0, 1_000);
            String text = json.text(node, path, "text");

            Map<String, List<String>> slots = new TreeMap<>();
            JsonNode slotNode = node.get("slots");
            if (slotNode != null && !slotNode.isNull()) {
                json.object(slotNode, path + ".slots");
                for (Iterator<String> names = slotNode.fieldNames(); names.hasNext(); ) {
                    String slot = names.next();
                    List<String> values = json.strings(slotNode, path + ".slots", slot);
                    if (values.isEmpty()) {
                        throw json.bad(path + ".slots." + slot, slotNode.get(slot), "a non-empty array of strings");
                    }
                    slots.put(slot, values);
                }
            }
            placeholders(text, path + ".text", slots);

            JsonNode stepNodes = json.array(node, path, "steps", true);
            if (stepNodes.size() > 3) {
                throw json.bad(path + ".steps", stepNodes, "1 to 3 steps");
            }
            List<WorldSpec.StepSpec> steps = new ArrayList<>();
            for (int s = 0; s < stepNodes.size(); s++) {
                String at = path + ".steps[" + s + "]";
                JsonNode step = json.object(stepNodes.get(s), at);
                json.known(step, at, "skill", "text", "inputs");
                String skill = json.text(step, at, "skill");
                if (!skills.contains(skill)) {
                    throw json.bad(at + ".skill", step.get("skill"), "a skill declared in skills: " + skills);
                }
                String stepText = json.text(step, at, "text");
                placeholders(stepText, at + ".text", slots);
                List<Integer> inputs = new ArrayList<>();
                JsonNode inputNode = step.get("inputs");
                if (inputNode == null || inputNode.isNull()) {
                    if (s > 0) {
                        inputs.add(s - 1);
                    }
                } else {
                    if (!inputNode.isArray()) {
                        throw json.bad(at + ".inputs", inputNode, "an array of earlier step indexes");
                    }
                    for (int k = 0; k < inputNode.size(); k++) {
                        JsonNode in = inputNode.get(k);
                        if (!in.canConvertToInt() || !in.isIntegralNumber() || in.asInt() < 0 || in.asInt() >= s) {
                            throw json.bad(at + ".inputs[" + k + "]", in,
                                    s == 0 ? "nothing: the first step has no earlier step" : "an index of an earlier step, 0 to " + (s - 1));
                        }
                        inputs.add(in.asInt());
                    }
                }
                steps.add(new WorldSpec.StepSpec(skill, stepText, inputs));
            }
            return new WorldSpec.FamilySpec(id, weight, text, slots, steps);
        }

        void placeholders(String text, String path, Map<String, List<String>> slots) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!slots.containsKey(m.group(1))) {
                    throw new InvalidInputException(json.source(), path, "'{" + m.group(1) + "}'",
                            "placeholders naming a declared slot: " + slots.keySet());
                }
            }
        }

        WorldSpec.WorkerSpec worker(JsonNode node, String path, String world, Set<String> skills) {
            json.known(node, path, "id", "card", "profile");
            AgentId id = AgentId.of(id(node, path));
            JsonNode cardNode = json.object(json.required(node, path, "card", "an A2A AgentCard JSON object"), path + ".card");
            AgentCard parsed = A2aCards.parse(cardNode, json.source(), path + ".card", A2aCards.EndpointRule.OPTIONAL);
            List<Endpoint> endpoints = parsed.endpoints().isEmpty()
                    ? List.of(new Endpoint(URI.create("sim://" + world + "/" + id), "sim", ""))
                    : parsed.endpoints();
            AgentCard card = new AgentCard(id, parsed.name(), parsed.description(), parsed.skills(), parsed.inputModes(),
                    parsed.outputModes(), endpoints, parsed.version());
            String at = path + ".profile";
            JsonNode profile = json.object(json.required(node, path, "profile", "a hidden profile object"), at);
            return new WorldSpec.WorkerSpec(id, card, profile(profile, at, skills));
        }

        WorldSpec.Profile profile(JsonNode node, String path, Set<String> skills) {
            json.known(node, path, "skills", "otherSkills", "latencyMillis", "cost", "failureModes");
            Map<String, Double> success = new TreeMap<>();
            JsonNode skillNode = node.get("skills");
            if (skillNode != null && !skillNode.isNull()) {
                json.object(skillNode, path + ".skills");
                for (Iterator<String> names = skillNode.fieldNames(); names.hasNext(); ) {
                    String skill = names.next();
                    if (!skills.contains(skill)) {
                        throw new InvalidInputException(json.source(), path + ".skills", "'" + skill + "'",
                                "skills declared in skills: " + skills);
                    }
                    success.put(skill, json.probability(skillNode.get(skill), path + ".skills." + skill));
                }
            }
            double other = probability(node, path, "otherSkills", 0);
            long latency = (long) json.number(node, path, "latencyMillis", 1_000, 0, 3_600_000);
            double cost = json.number(node, path, "cost", 0.001, 0, 1_000_000);
            List<FailureMode> modes = new ArrayList<>();
            JsonNode modeNodes = node.get("failureModes");
            if (modeNodes != null && !modeNodes.isNull()) {
                if (!modeNodes.isArray()) {
                    throw json.bad(path + ".failureModes", modeNodes, "an array of failure modes");
                }
                Map<String, Integer> firstOfType = new LinkedHashMap<>();
                for (int i = 0; i < modeNodes.size(); i++) {
                    String at = path + ".failureModes[" + i + "]";
                    FailureMode mode = mode(json.object(modeNodes.get(i), at), at, skills);
                    Integer earlier = firstOfType.putIfAbsent(modeNodes.get(i).get("type").asText(), i);
                    if (earlier != null) {
                        // two modes of one type would silently overlap (which rate wins?): one per type, its fields say all
                        throw json.bad(at + ".type", modeNodes.get(i).get("type"),
                                "a failure mode type not already used by failureModes[" + earlier + "] of this worker");
                    }
                    modes.add(mode);
                }
            }
            return new WorldSpec.Profile(success, other, latency, cost, modes);
        }

        FailureMode mode(JsonNode node, String path, Set<String> skills) {
            JsonNode typeNode = json.required(node, path, "type", "one of " + MODES);
            String type = typeNode.asText();
            if (!typeNode.isTextual() || !MODES.contains(type)) {
                throw json.bad(path + ".type", typeNode, "one of " + MODES);
            }
            json.known(node, path, switch (type) {
                case "exaggerated-card" -> new String[] {"type", "skills", "success"};
                case "broken-tool" -> new String[] {"type", "skill"};
                case "silent-wrong-answer" -> new String[] {"type", "skill", "rate"};
                case "interface-constraint" -> new String[] {"type", "fromWorkers", "formats"};
                case "flaky-timeout" -> new String[] {"type", "rate"};
                case "over-claiming-generalist" -> new String[] {"type", "success"};
                default -> throw new IllegalStateException("unhandled failure mode " + type);
            });
            return switch (type) {
                case "exaggerated-card" -> {
                    List<String> claimed = json.strings(node, path, "skills");
                    if (claimed.isEmpty()) {
                        throw json.bad(path + ".skills", node.path("skills"), "a non-empty array of declared skills");
                    }
                    for (int i = 0; i < claimed.size(); i++) {
                        knownSkill(claimed.get(i), path + ".skills[" + i + "]", skills);
                    }
                    yield new FailureMode.ExaggeratedCard(claimed, probability(node, path, "success", 0.1));
                }
                case "broken-tool" -> new FailureMode.BrokenTool(knownSkill(json.text(node, path, "skill"), path + ".skill", skills));
                case "silent-wrong-answer" -> {
                    Optional<String> skill = node.hasNonNull("skill")
                            ? Optional.of(knownSkill(json.text(node, path, "skill"), path + ".skill", skills))
                            : Optional.empty();
                    yield new FailureMode.SilentWrongAnswer(skill, probability(node, path, "rate", 0.5));
                }
                case "interface-constraint" -> {
                    List<String> from = json.strings(node, path, "fromWorkers");
                    List<String> formats = json.strings(node, path, "formats");
                    if (from.isEmpty() && formats.isEmpty()) {
                        throw json.bad(path, node, "fromWorkers or formats, naming at least one worker or format");
                    }
                    yield new FailureMode.InterfaceConstraint(from, formats);
                }
                case "flaky-timeout" -> new FailureMode.FlakyTimeout(probability(node, path, "rate", 0.2));
                case "over-claiming-generalist" -> new FailureMode.OverClaimingGeneralist(probability(node, path, "success", 0.3));
                default -> throw new IllegalStateException("unhandled failure mode " + type);
            };
        }

        void checkHandoffWorkers(JsonNode workerNodes, Set<AgentId> known) {
            for (int i = 0; i < workerNodes.size(); i++) {
                JsonNode modes = workerNodes.get(i).path("profile").path("failureModes");
                for (int m = 0; m < modes.size(); m++) {
                    JsonNode from = modes.get(m).path("fromWorkers");
                    for (int k = 0; k < from.size(); k++) {
                        knownWorker(from.get(k), "workers[%d].profile.failureModes[%d].fromWorkers[%d]".formatted(i, m, k), known);
                    }
                }
            }
        }

        AgentId knownWorker(JsonNode node, String path, Set<AgentId> known) {
            if (!node.isTextual() || !known.stream().map(AgentId::value).toList().contains(node.asText())) {
                throw json.bad(path, node, "a worker id declared in workers: " + known);
            }
            return AgentId.of(node.asText());
        }

        String knownSkill(String skill, String path, Set<String> skills) {
            if (!skills.contains(skill)) {
                throw new InvalidInputException(json.source(), path, "'" + skill + "'", "a skill declared in skills: " + skills);
            }
            return skill;
        }

        double probability(JsonNode node, String path, String field, double fallback) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? fallback : json.probability(value, Json.join(path, field));
        }

        String id(JsonNode node, String path) {
            String id = json.text(node, path, "id");
            if (!ID.matcher(id).matches()) {
                throw json.bad(path + ".id", node.get("id"), "lower-case kebab-case matching " + ID);
            }
            return id;
        }
    }
}
