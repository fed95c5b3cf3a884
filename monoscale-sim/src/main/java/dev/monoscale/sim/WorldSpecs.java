package dev.monoscale.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.cards.A2aCards;
import dev.monoscale.cards.JsonField;
import dev.monoscale.cards.Values;
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
    private static final String NON_BLANK = "a non-blank string";
    private static final String NON_EMPTY = "a non-empty array";
    private static final String OBJECT = "a JSON object";
    private static final String PROBABILITY = "a probability, a number in [0, 1]";
    private static final Set<String> MODES = new LinkedHashSet<>(List.of(
            "exaggerated-card",
            "broken-tool",
            "silent-wrong-answer",
            "interface-constraint",
            "flaky-timeout",
            "over-claiming-generalist"));

    private WorldSpecs() {}

    /** A built-in world by name, or a spec file by path. */
    public static WorldSpec load(String nameOrFile) {
        if (BUILT_IN.contains(nameOrFile)) {
            return builtIn(nameOrFile);
        }
        Path file = Path.of(nameOrFile);
        if (!Files.exists(file)) {
            throw new InvalidInputException(
                    "--world",
                    "world",
                    "'" + nameOrFile + "'",
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
            throw new InvalidInputException(
                    name + ".json", "(file)", "unreadable: " + e.getMessage(), "a readable resource");
        }
    }

    public static WorldSpec read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(
                    file.toString(), "(file)", "(not found)", "an existing world spec JSON file");
        } catch (IOException e) {
            throw new InvalidInputException(
                    file.toString(), "(file)", "unreadable: " + e.getMessage(), "a readable UTF-8 file");
        }
    }

    public static WorldSpec parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidInputException(
                    source,
                    "(document)",
                    "not JSON at line %d, column %d"
                            .formatted(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr()),
                    "a JSON object as described in docs/world-spec.md");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(
                    source,
                    "(document)",
                    root == null ? "(empty)" : Values.render(root),
                    "a JSON object as described in docs/world-spec.md");
        }
        return new Reader(source).world(JsonField.root(source, root));
    }

    /** The items of an optional array of non-blank strings; empty when it is absent. */
    private static List<String> strings(JsonField field) {
        List<String> out = new ArrayList<>();
        for (JsonField item : field.optionalArray("an array of strings")) {
            out.add(item.nonBlankString(NON_BLANK));
        }
        return out;
    }

    private record Reader(String source) {

        WorldSpec world(JsonField root) {
            root.known("name", "description", "timeoutMillis", "skills", "families", "workers", "stages");
            String name = root.get("name").nonBlankString(NON_BLANK);
            String description =
                    root.get("description").optionalString("a string").orElse("");
            long timeout = (long) root.get("timeoutMillis").number(30_000, 1, 3_600_000);

            List<WorldSpec.SkillSpec> skills = skills(root.get("skills").nonEmptyArray(NON_EMPTY));
            Set<String> skillIds = new LinkedHashSet<>();
            skills.forEach(skill -> skillIds.add(skill.id()));

            List<WorldSpec.FamilySpec> families = new ArrayList<>();
            Set<String> familyIds = new LinkedHashSet<>();
            for (JsonField node : root.get("families").nonEmptyArray(NON_EMPTY)) {
                WorldSpec.FamilySpec family = family(node, skillIds);
                if (!familyIds.add(family.id())) {
                    throw node.get("id").invalid("an id not used by another family");
                }
                families.add(family);
            }
            if (families.stream().mapToDouble(WorldSpec.FamilySpec::weight).sum() <= 0) {
                throw new InvalidInputException(
                        source,
                        "families[*].weight",
                        "0 in every family",
                        "weights in [0, 1000] with at least one above 0: tasks are drawn from families in proportion to them");
            }

            List<JsonField> workerNodes = root.get("workers").nonEmptyArray(NON_EMPTY);
            Map<AgentId, WorldSpec.WorkerSpec> workers = new LinkedHashMap<>();
            for (JsonField node : workerNodes) {
                WorldSpec.WorkerSpec worker = worker(node.object(OBJECT), name, skillIds);
                if (workers.putIfAbsent(worker.id(), worker) != null) {
                    throw node.get("id").invalid("an id not used by another worker");
                }
            }
            checkHandoffWorkers(workerNodes, workers.keySet());

            List<WorldSpec.StageSpec> stages = new ArrayList<>();
            Set<AgentId> joined = new LinkedHashSet<>();
            for (JsonField stage : root.get("stages").nonEmptyArray(NON_EMPTY)) {
                stage.object(OBJECT).known("join");
                List<AgentId> ids = new ArrayList<>();
                for (JsonField join : stage.get("join").nonEmptyArray(NON_EMPTY)) {
                    AgentId id = knownWorker(join, workers.keySet());
                    if (!joined.add(id)) {
                        throw join.invalid("a worker that has not joined at an earlier stage");
                    }
                    ids.add(id);
                }
                stages.add(new WorldSpec.StageSpec(ids));
            }
            return new WorldSpec(name, description, skills, families, List.copyOf(workers.values()), stages, timeout);
        }

        List<WorldSpec.SkillSpec> skills(List<JsonField> nodes) {
            List<WorldSpec.SkillSpec> skills = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (JsonField node : nodes) {
                node.object(OBJECT).known("id", "description", "output");
                String id = id(node);
                if (!ids.add(id)) {
                    throw node.get("id").invalid("an id not used by another skill");
                }
                skills.add(new WorldSpec.SkillSpec(
                        id,
                        node.get("description").optionalString("a string").orElse(""),
                        node.get("output").optionalString("a string").orElse("text")));
            }
            return skills;
        }

        WorldSpec.FamilySpec family(JsonField node, Set<String> skills) {
            node.object(OBJECT).known("id", "weight", "text", "slots", "steps");
            String id = id(node);
            double weight = node.get("weight").number(1, 0, 1_000);
            String text = node.get("text").nonBlankString(NON_BLANK);

            Map<String, List<String>> slots = new TreeMap<>();
            JsonField slotNode = node.get("slots");
            if (slotNode.isPresent()) {
                for (Map.Entry<String, JsonField> slot :
                        slotNode.object(OBJECT).members().entrySet()) {
                    List<String> values = strings(slot.getValue());
                    if (values.isEmpty()) {
                        throw slot.getValue().invalid("a non-empty array of strings");
                    }
                    slots.put(slot.getKey(), values);
                }
            }
            placeholders(text, node.get("text").path(), slots);

            List<JsonField> stepNodes = node.get("steps").nonEmptyArray(NON_EMPTY);
            if (stepNodes.size() > 3) {
                throw node.get("steps").invalid("1 to 3 steps");
            }
            List<WorldSpec.StepSpec> steps = new ArrayList<>();
            for (int s = 0; s < stepNodes.size(); s++) {
                JsonField step = stepNodes.get(s).object(OBJECT).known("skill", "text", "inputs");
                String skill = step.get("skill").nonBlankString(NON_BLANK);
                if (!skills.contains(skill)) {
                    throw step.get("skill").invalid("a skill declared in skills: " + skills);
                }
                String stepText = step.get("text").nonBlankString(NON_BLANK);
                placeholders(stepText, step.get("text").path(), slots);
                List<Integer> inputs = new ArrayList<>();
                JsonField inputNode = step.get("inputs");
                if (!inputNode.isPresent()) {
                    if (s > 0) {
                        inputs.add(s - 1);
                    }
                } else {
                    String earlier = s == 0
                            ? "nothing: the first step has no earlier step"
                            : "an index of an earlier step, 0 to " + (s - 1);
                    for (JsonField in : inputNode.array("an array of earlier step indexes")) {
                        int input = in.integer(earlier);
                        if (input < 0 || input >= s) {
                            throw in.invalid(earlier);
                        }
                        inputs.add(input);
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
                    throw new InvalidInputException(
                            source,
                            path,
                            "'{" + m.group(1) + "}'",
                            "placeholders naming a declared slot: " + slots.keySet());
                }
            }
        }

        WorldSpec.WorkerSpec worker(JsonField node, String world, Set<String> skills) {
            node.known("id", "card", "profile");
            AgentId id = AgentId.of(id(node));
            JsonField cardNode =
                    node.required("card", "an A2A AgentCard JSON object").object("a JSON object");
            AgentCard parsed =
                    A2aCards.parse(cardNode.value(), source, cardNode.path(), A2aCards.EndpointRule.OPTIONAL);
            List<Endpoint> endpoints = parsed.endpoints().isEmpty()
                    ? List.of(new Endpoint(URI.create("sim://" + world + "/" + id), "sim", ""))
                    : parsed.endpoints();
            AgentCard card = new AgentCard(
                    id,
                    parsed.name(),
                    parsed.description(),
                    parsed.skills(),
                    parsed.inputModes(),
                    parsed.outputModes(),
                    endpoints,
                    parsed.version());
            JsonField profile =
                    node.required("profile", "a hidden profile object").object("a JSON object");
            return new WorldSpec.WorkerSpec(id, card, profile(profile, skills));
        }

        WorldSpec.Profile profile(JsonField node, Set<String> skills) {
            node.known("skills", "otherSkills", "latencyMillis", "cost", "failureModes");
            Map<String, Double> success = new TreeMap<>();
            JsonField skillNode = node.get("skills");
            if (skillNode.isPresent()) {
                for (Map.Entry<String, JsonField> skill :
                        skillNode.object(OBJECT).members().entrySet()) {
                    if (!skills.contains(skill.getKey())) {
                        throw new InvalidInputException(
                                source,
                                skillNode.path(),
                                "'" + skill.getKey() + "'",
                                "skills declared in skills: " + skills);
                    }
                    success.put(skill.getKey(), skill.getValue().number(0, 1, PROBABILITY));
                }
            }
            double other = probability(node.get("otherSkills"), 0);
            long latency = (long) node.get("latencyMillis").number(1_000, 0, 3_600_000);
            double cost = node.get("cost").number(0.001, 0, 1_000_000);
            List<FailureMode> modes = new ArrayList<>();
            Map<String, Integer> firstOfType = new LinkedHashMap<>();
            List<JsonField> modeNodes = node.get("failureModes").optionalArray("an array of failure modes");
            for (int i = 0; i < modeNodes.size(); i++) {
                FailureMode mode = mode(modeNodes.get(i).object(OBJECT), skills);
                JsonField type = modeNodes.get(i).get("type");
                Integer earlier = firstOfType.putIfAbsent(type.value().asText(), i);
                if (earlier != null) {
                    // two modes of one type would silently overlap (which rate wins?): one per type, its fields say all
                    throw type.invalid(
                            "a failure mode type not already used by failureModes[" + earlier + "] of this worker");
                }
                modes.add(mode);
            }
            return new WorldSpec.Profile(success, other, latency, cost, modes);
        }

        FailureMode mode(JsonField node, Set<String> skills) {
            JsonField typeNode = node.required("type", "one of " + MODES);
            String type = typeNode.value().asText();
            if (!typeNode.value().isTextual() || !MODES.contains(type)) {
                throw typeNode.invalid("one of " + MODES);
            }
            node.known(
                    switch (type) {
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
                    List<String> claimed = strings(node.get("skills"));
                    if (claimed.isEmpty()) {
                        throw node.get("skills").invalid("a non-empty array of declared skills");
                    }
                    for (int i = 0; i < claimed.size(); i++) {
                        knownSkill(claimed.get(i), node.get("skills").path() + "[" + i + "]", skills);
                    }
                    yield new FailureMode.ExaggeratedCard(claimed, probability(node.get("success"), 0.1));
                }
                case "broken-tool" -> new FailureMode.BrokenTool(skill(node.get("skill"), skills));
                case "silent-wrong-answer" -> {
                    Optional<String> skill = node.get("skill").isPresent()
                            ? Optional.of(skill(node.get("skill"), skills))
                            : Optional.empty();
                    yield new FailureMode.SilentWrongAnswer(skill, probability(node.get("rate"), 0.5));
                }
                case "interface-constraint" -> {
                    List<String> from = strings(node.get("fromWorkers"));
                    List<String> formats = strings(node.get("formats"));
                    if (from.isEmpty() && formats.isEmpty()) {
                        throw node.invalid("fromWorkers or formats, naming at least one worker or format");
                    }
                    yield new FailureMode.InterfaceConstraint(from, formats);
                }
                case "flaky-timeout" -> new FailureMode.FlakyTimeout(probability(node.get("rate"), 0.2));
                case "over-claiming-generalist" ->
                    new FailureMode.OverClaimingGeneralist(probability(node.get("success"), 0.3));
                default -> throw new IllegalStateException("unhandled failure mode " + type);
            };
        }

        void checkHandoffWorkers(List<JsonField> workers, Set<AgentId> known) {
            for (JsonField worker : workers) {
                for (JsonField mode : worker.get("profile").get("failureModes").optionalArray(OBJECT)) {
                    for (JsonField from : mode.get("fromWorkers").optionalArray(OBJECT)) {
                        knownWorker(from, known);
                    }
                }
            }
        }

        AgentId knownWorker(JsonField field, Set<AgentId> known) {
            JsonNode node = field.node();
            if (node == null
                    || !node.isTextual()
                    || !known.stream().map(AgentId::value).toList().contains(node.asText())) {
                throw field.invalid("a worker id declared in workers: " + known);
            }
            return AgentId.of(node.asText());
        }

        String skill(JsonField field, Set<String> skills) {
            return knownSkill(field.nonBlankString(NON_BLANK), field.path(), skills);
        }

        String knownSkill(String skill, String path, Set<String> skills) {
            if (!skills.contains(skill)) {
                throw new InvalidInputException(
                        source, path, "'" + skill + "'", "a skill declared in skills: " + skills);
            }
            return skill;
        }

        double probability(JsonField field, double fallback) {
            return field.isPresent() ? field.number(0, 1, PROBABILITY) : fallback;
        }

        String id(JsonField node) {
            JsonField field = node.get("id");
            String id = field.nonBlankString(NON_BLANK);
            if (!ID.matcher(id).matches()) {
                throw field.invalid("lower-case kebab-case matching " + ID);
            }
            return id;
        }
    }
}
