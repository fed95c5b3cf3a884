package dev.monoscale.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Skill;

/**
 * Writes a {@link WorldSpec} as the JSON of docs/world-spec.md, which {@link WorldSpecs#parse} reads back to an
 * equal spec. Cards are written in the v0.3 form without a URL (the world fills {@code sim://WORLD/ID}).
 */
public final class WorldSpecWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WorldSpecWriter() {}

    /** The spec as indented JSON with a final newline. */
    public static String json(WorldSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", spec.name());
        root.put("description", spec.description());
        root.put("timeoutMillis", spec.timeoutMillis());
        ArrayNode skills = root.putArray("skills");
        for (WorldSpec.SkillSpec skill : spec.skills()) {
            skills.addObject()
                    .put("id", skill.id())
                    .put("description", skill.description())
                    .put("output", skill.outputFormat());
        }
        ArrayNode families = root.putArray("families");
        for (WorldSpec.FamilySpec family : spec.families()) {
            ObjectNode f = families.addObject()
                    .put("id", family.id())
                    .put("weight", family.weight())
                    .put("text", family.text());
            ObjectNode slots = f.putObject("slots");
            family.slots().entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> {
                        ArrayNode values = slots.putArray(e.getKey());
                        e.getValue().forEach(values::add);
                    });
            ArrayNode steps = f.putArray("steps");
            for (WorldSpec.StepSpec step : family.steps()) {
                ObjectNode s = steps.addObject().put("skill", step.skill()).put("text", step.text());
                step.inputs().forEach(s.putArray("inputs")::add);
            }
        }
        ArrayNode workers = root.putArray("workers");
        for (WorldSpec.WorkerSpec worker : spec.workers()) {
            ObjectNode w = workers.addObject().put("id", worker.id().value());
            w.set("card", card(worker.card()));
            w.set("profile", profile(worker.profile()));
        }
        ArrayNode stages = root.putArray("stages");
        for (WorldSpec.StageSpec stage : spec.stages()) {
            ArrayNode join = stages.addObject().putArray("join");
            stage.join().forEach(id -> join.add(id.value()));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("world spec '%s' could not be written as JSON".formatted(spec.name()), e);
        }
    }

    private static ObjectNode card(AgentCard card) {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("name", card.name()).put("description", card.description()).put("version", card.version());
        card.inputModes().forEach(c.putArray("defaultInputModes")::add);
        card.outputModes().forEach(c.putArray("defaultOutputModes")::add);
        c.putObject("capabilities").put("streaming", false);
        ArrayNode skills = c.putArray("skills");
        for (Skill skill : card.skills()) {
            ObjectNode s = skills.addObject()
                    .put("id", skill.id())
                    .put("name", skill.name())
                    .put("description", skill.description());
            skill.tags().forEach(s.putArray("tags")::add);
            skill.examples().forEach(s.putArray("examples")::add);
        }
        return c;
    }

    private static ObjectNode profile(WorldSpec.Profile profile) {
        ObjectNode p = MAPPER.createObjectNode();
        ObjectNode skills = p.putObject("skills");
        profile.skills().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> skills.put(e.getKey(), e.getValue()));
        p.put("otherSkills", profile.otherSkills())
                .put("latencyMillis", profile.latencyMillis())
                .put("cost", profile.cost());
        ArrayNode modes = p.putArray("failureModes");
        for (FailureMode mode : profile.failureModes()) {
            ObjectNode m = modes.addObject();
            switch (mode) {
                case FailureMode.ExaggeratedCard(var skillIds, var success) -> {
                    m.put("type", "exaggerated-card");
                    skillIds.forEach(m.putArray("skills")::add);
                    m.put("success", success);
                }
                case FailureMode.BrokenTool(var skill) ->
                    m.put("type", "broken-tool").put("skill", skill);
                case FailureMode.SilentWrongAnswer(var skill, var rate) -> {
                    m.put("type", "silent-wrong-answer");
                    skill.ifPresent(s -> m.put("skill", s));
                    m.put("rate", rate);
                }
                case FailureMode.InterfaceConstraint(var from, var formats) -> {
                    m.put("type", "interface-constraint");
                    from.forEach(m.putArray("fromWorkers")::add);
                    formats.forEach(m.putArray("formats")::add);
                }
                case FailureMode.FlakyTimeout(var rate) ->
                    m.put("type", "flaky-timeout").put("rate", rate);
                case FailureMode.OverClaimingGeneralist(var success) ->
                    m.put("type", "over-claiming-generalist").put("success", success);
            }
        }
        return p;
    }
}
