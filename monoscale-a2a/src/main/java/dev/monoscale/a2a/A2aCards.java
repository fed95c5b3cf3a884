package dev.monoscale.a2a;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Skill;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads A2A AgentCard JSON in any of its three forms into the project's own {@link AgentCard}: v0.2-style
 * ({@code url}, no {@code protocolVersion}), v0.3 ({@code protocolVersion} 0.3.x, {@code preferredTransport},
 * {@code additionalInterfaces}) and v1.0 ({@code supportedInterfaces}). Every defect is one
 * {@link InvalidInputException} line naming the source, the field path, the value and what is allowed.
 */
public final class A2aCards {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private A2aCards() {}

    public static AgentCard read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), "(file)", "(not found)", "an existing A2A agent card JSON file");
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "(file)", "unreadable: " + e.getMessage(), "a readable UTF-8 file");
        }
    }

    public static AgentCard parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidInputException(source, "(document)",
                    "not JSON at line %d, column %d".formatted(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr()),
                    "an A2A AgentCard JSON object");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(source, "(document)", root == null ? "(empty)" : shown(root), "an A2A AgentCard JSON object");
        }
        return parse(root, source, "", true);
    }

    /** The form a card was written in. */
    public static A2aCardVersion detect(JsonNode card) {
        if (card.has("supportedInterfaces")) {
            return A2aCardVersion.V1_0;
        }
        return card.hasNonNull("protocolVersion") ? A2aCardVersion.V0_3 : A2aCardVersion.V0_2;
    }

    /**
     * Reads a card that may sit inside another document; {@code pathPrefix} (such as {@code workers[3].card}) starts
     * every field path in messages. With {@code requireEndpoint} false a card without {@code url} or
     * {@code supportedInterfaces} is accepted with no endpoints.
     */
    public static AgentCard parse(JsonNode card, String source, String pathPrefix, boolean requireEndpoint) {
        Reader r = new Reader(source, pathPrefix);
        if (!card.isObject()) {
            throw r.bad("", card, "an A2A AgentCard JSON object");
        }
        String name = r.text(card, "name", true);
        String description = r.text(card, "description", false);
        List<Skill> skills = new ArrayList<>();
        JsonNode skillNodes = card.get("skills");
        if (skillNodes == null || skillNodes.isNull()) {
            throw r.missing("skills", "an array of skills");
        }
        if (!skillNodes.isArray()) {
            throw r.bad("skills", skillNodes, "an array of skills");
        }
        for (int i = 0; i < skillNodes.size(); i++) {
            JsonNode skill = skillNodes.get(i);
            String at = "skills[" + i + "]";
            if (!skill.isObject()) {
                throw r.bad(at, skill, "a skill object");
            }
            skills.add(new Skill(r.text(skill, at + ".id", "id", true), r.text(skill, at + ".name", "name", true),
                    r.text(skill, at + ".description", "description", false), r.strings(skill, at, "tags"), r.strings(skill, at, "examples")));
        }
        List<Endpoint> endpoints = new ArrayList<>();
        A2aCardVersion version = detect(card);
        if (version == A2aCardVersion.V1_0) {
            JsonNode interfaces = card.get("supportedInterfaces");
            if (!interfaces.isArray() || (requireEndpoint && interfaces.isEmpty())) {
                throw r.bad("supportedInterfaces", interfaces, "a non-empty array of {url, protocolBinding, protocolVersion}");
            }
            for (int i = 0; i < interfaces.size(); i++) {
                JsonNode node = interfaces.get(i);
                String at = "supportedInterfaces[" + i + "]";
                if (!node.isObject()) {
                    throw r.bad(at, node, "an object {url, protocolBinding, protocolVersion}");
                }
                endpoints.add(new Endpoint(r.url(node, at + ".url"), r.optional(node, at, "protocolBinding", "JSONRPC"),
                        r.optional(node, at, "protocolVersion", "")));
            }
        } else if (card.hasNonNull("url") || requireEndpoint) {
            String protocol = version == A2aCardVersion.V0_3 ? r.optional(card, "", "protocolVersion", "") : "";
            endpoints.add(new Endpoint(r.url(card, "url"), r.optional(card, "", "preferredTransport", "JSONRPC"), protocol));
            JsonNode more = card.get("additionalInterfaces");
            if (more != null && more.isArray()) {
                for (int i = 0; i < more.size(); i++) {
                    String at = "additionalInterfaces[" + i + "]";
                    endpoints.add(new Endpoint(r.url(more.get(i), at + ".url"), r.optional(more.get(i), at, "transport", "JSONRPC"), protocol));
                }
            }
        }
        AgentId id;
        try {
            id = AgentId.slug(name);
        } catch (IllegalArgumentException e) {
            throw r.bad("name", card.get("name"), "a name with at least one letter or digit");
        }
        return new AgentCard(id, name, description, skills, r.strings(card, "", "defaultInputModes"),
                r.strings(card, "", "defaultOutputModes"), endpoints, r.optional(card, "", "version", ""));
    }

    private record Reader(String source, String prefix) {

        String path(String field) {
            return prefix.isEmpty() ? field : field.isEmpty() ? prefix : prefix + "." + field;
        }

        InvalidInputException bad(String field, JsonNode value, String allowed) {
            return new InvalidInputException(source, path(field), shown(value), allowed);
        }

        InvalidInputException missing(String field, String allowed) {
            return InvalidInputException.missing(source, path(field), allowed);
        }

        String text(JsonNode node, String field, boolean nonBlank) {
            return text(node, field, field, nonBlank);
        }

        String text(JsonNode node, String path, String field, boolean nonBlank) {
            JsonNode value = node.get(field);
            String allowed = nonBlank ? "a non-blank string" : "a string";
            if (value == null || value.isNull()) {
                throw missing(path, allowed);
            }
            if (!value.isTextual() || (nonBlank && value.asText().isBlank())) {
                throw bad(path, value, allowed);
            }
            return value.asText();
        }

        String optional(JsonNode node, String at, String field, String fallback) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isTextual()) {
                throw bad(at.isEmpty() ? field : at + "." + field, value, "a string");
            }
            return value.asText();
        }

        List<String> strings(JsonNode node, String at, String field) {
            JsonNode value = node.get(field);
            String path = at.isEmpty() ? field : at + "." + field;
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                throw bad(path, value, "an array of strings");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isTextual()) {
                    throw bad(path + "[" + i + "]", value.get(i), "a string");
                }
                out.add(value.get(i).asText());
            }
            return out;
        }

        URI url(JsonNode node, String path) {
            JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
            String allowed = "an absolute http or https URL";
            if (value == null || value.isNull()) {
                throw missing(path, allowed);
            }
            if (!value.isTextual()) {
                throw bad(path, value, allowed);
            }
            try {
                URI uri = new URI(value.asText().strip());
                if (!uri.isAbsolute() || uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    throw bad(path, value, allowed);
                }
                return uri;
            } catch (URISyntaxException e) {
                throw bad(path, value, allowed);
            }
        }
    }

    static String shown(JsonNode value) {
        String text = value.toString().replaceAll("\\s+", " ");
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
