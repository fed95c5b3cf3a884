package dev.monoscale.core;

import java.util.List;

/** One capability an agent card claims. The claim may be wrong: only evidence says what a worker really does. */
public record Skill(String id, String name, String description, List<String> tags, List<String> examples) {

    public Skill {
        tags = List.copyOf(tags);
        examples = List.copyOf(examples);
    }
}
