package dev.monoscale.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A worker as the router first sees it. The card is all the router knows before onboarding; what it
 * learns afterwards goes into routing memory, never back into the card. Protocol forms (A2A v0.3, v1.0)
 * are translated into this type at the boundary.
 */
public record AgentCard(
        AgentId id,
        String name,
        String description,
        List<Skill> skills,
        List<String> inputModes,
        List<String> outputModes,
        List<Endpoint> endpoints,
        String version) {

    public AgentCard {
        Objects.requireNonNull(id, "id");
        if (name.isBlank()) {
            throw new IllegalArgumentException("agent card '%s' has a blank name".formatted(id));
        }
        skills = List.copyOf(skills);
        inputModes = List.copyOf(inputModes);
        outputModes = List.copyOf(outputModes);
        endpoints = List.copyOf(endpoints);
    }

    /**
     * A card written in code, for a worker of your own: its id is the name's slug ({@link AgentId#slug}), it reads and
     * writes text, it has no endpoint (it is called in process) and its version is {@code 1}.
     *
     * @param name the worker's display name, such as {@code "Calculator"} (id {@code calculator})
     * @param description what the worker says it does, in a sentence or two
     * @param skills what it claims to do; the warm-up tasks of its onboarding come from these words
     * @return the card
     * @throws IllegalArgumentException if the name is blank or has no letter or digit to make an id from
     */
    public static AgentCard of(String name, String description, Skill... skills) {
        return new AgentCard(
                AgentId.slug(name),
                name,
                description,
                List.of(skills),
                List.of("text"),
                List.of("text"),
                List.of(),
                "1");
    }

    /** Everything the card says in words: name, description, and each skill's name, description, tags and examples. */
    public String text() {
        List<String> parts = new ArrayList<>();
        parts.add(name);
        parts.add(description);
        for (Skill skill : skills) {
            parts.add(skill.name());
            parts.add(skill.description());
            parts.addAll(skill.tags());
            parts.addAll(skill.examples());
        }
        return String.join("\n", parts);
    }
}
