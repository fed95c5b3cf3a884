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
