package dev.monoscale.core;

import java.util.List;

/** One capability an agent card claims. The claim may be wrong: only evidence says what a worker really does. */
public record Skill(String id, String name, String description, List<String> tags, List<String> examples) {

    public Skill {
        tags = List.copyOf(tags);
        examples = List.copyOf(examples);
    }

    /**
     * A skill written in code: its id is the name's slug, and it has no tags.
     *
     * @param name the skill's display name, such as {@code "Arithmetic"}
     * @param description what the skill does
     * @param examples requests the skill claims to handle, such as {@code "What is 17 times 23?"}
     * @return the skill
     */
    public static Skill of(String name, String description, String... examples) {
        return new Skill(AgentId.slug(name).value(), name, description, List.of(), List.of(examples));
    }
}
