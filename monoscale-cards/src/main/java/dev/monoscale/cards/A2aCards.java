package dev.monoscale.cards;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Skill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads A2A agent card JSON into the core {@link AgentCard}. This is the only place that knows the A2A card
 * forms; everything past it sees {@code AgentCard}. Three forms are accepted ({@link A2aCardVersion}):
 *
 * <ol>
 *   <li><b>0.2-style</b> and <b>0.3</b>: the top-level {@code url} is the first endpoint, its binding is
 *       {@code preferredTransport} (default {@code JSONRPC}) and its protocol version is {@code protocolVersion}
 *       (empty when absent); each {@code additionalInterfaces} entry {@code {url, transport}} adds an endpoint
 *       with the same protocol version.
 *   <li><b>1.0</b>: each {@code supportedInterfaces} entry {@code {url, protocolBinding, protocolVersion}} is an
 *       endpoint. {@code transport} is read when {@code protocolBinding} is absent, and a missing
 *       {@code protocolVersion} falls back to the card's own {@code 1.x} {@code protocolVersion}, else empty.
 *       A card with {@code supportedInterfaces} is read as 1.0 even if it also carries 0.3 fields, as the
 *       compatibility cards of {@code @a2a-js/sdk} do; its top-level {@code url} is then ignored.
 * </ol>
 *
 * <p>In every form the id is {@link AgentId#slug} of {@code name}; {@code version} is empty when absent;
 * {@code tags} and {@code examples} are empty when absent; duplicate endpoints are listed once. The card's
 * input and output modes are {@code defaultInputModes} / {@code defaultOutputModes} followed by any further
 * modes that a skill's own {@code inputModes} / {@code outputModes} add, in order and without repeats: a skill
 * override widens what the agent as a whole accepts, and {@link Skill} has no place to keep it.
 *
 * <p>Required: a non-blank {@code name}, a string {@code description} (may be empty), a {@code skills} array
 * (may be empty) whose entries have non-blank, distinct {@code id}s, a non-blank {@code name} and a string
 * {@code description}; and, unless the caller passes {@link EndpointRule#OPTIONAL}, an absolute http(s)
 * {@code url} (0.2/0.3) or a non-empty {@code supportedInterfaces} (1.0). Fields of the wrong JSON type are
 * rejected; unknown fields are ignored. Every problem is an {@link InvalidInputException} whose message is one
 * line: source, field path, offending value and what is allowed.
 */
public final class A2aCards {

    /** Whether a card must say where the agent can be called. */
    public enum EndpointRule {
        /** Cards read from files and URLs: a card without an endpoint is rejected. */
        REQUIRED,
        /** Cards embedded in another document, such as a simulated world, where the endpoint may come later. */
        OPTIONAL
    }

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String DEFAULT_BINDING = "JSONRPC";
    private static final String A_CARD = "one JSON object (an A2A agent card)";
    private static final String A_NON_BLANK_STRING = "a non-blank string";
    private static final String A_STRING = "a string (may be empty)";
    private static final String A_URL = "an absolute http or https URL";
    private static final String A_BINDING = "a transport name such as JSONRPC, GRPC or HTTP+JSON";
    private static final String A_PROTOCOL_VERSION = "a string 0.2.x, 0.3.x or 1.x";
    private static final String AN_INTERFACE_LIST =
            "a non-empty array of {url, protocolBinding, protocolVersion} objects";

    private A2aCards() {}

    /**
     * Reads the card in {@code file}, which must name an endpoint. Messages name the file as given.
     *
     * @throws InvalidInputException if the file cannot be read, is not JSON or is not a usable card
     */
    public static AgentCard read(Path file) {
        return parse(readTree(file), file.toString(), "", EndpointRule.REQUIRED);
    }

    /**
     * Parses the card in {@code json}, which must name an endpoint.
     *
     * @param source where the text came from, such as a file name or URL; it starts every error message
     * @throws InvalidInputException if the text is not JSON or not a usable card
     */
    public static AgentCard parse(String json, String source) {
        return parse(tree(json, source), source, "", EndpointRule.REQUIRED);
    }

    /** The JSON in a card file, read once; messages name the file as given. */
    public static JsonNode readTree(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw withCause(InvalidInputException.missing(source, "(file)", "an existing agent card file"), e);
        } catch (IOException e) {
            String value = "unreadable (%s)".formatted(Values.oneLine(String.valueOf(e)));
            throw withCause(new InvalidInputException(source, "(file)", value, "a readable agent card file"), e);
        }
        return tree(source, () -> MAPPER.readTree(bytes));
    }

    /** The JSON of a card's text; messages name {@code source}. */
    public static JsonNode tree(String json, String source) {
        return tree(source, () -> MAPPER.readTree(json));
    }

    /** Same as {@link #parse(JsonNode, String, String, EndpointRule)} with {@link EndpointRule#REQUIRED}. */
    public static AgentCard parse(JsonNode card, String source, String pathPrefix) {
        return parse(card, source, pathPrefix, EndpointRule.REQUIRED);
    }

    /**
     * Parses a card that is already JSON, possibly embedded in a larger document.
     *
     * @param pathPrefix where the card sits in that document, such as {@code workers[3].card}, so messages name
     *     fields as {@code workers[3].card.skills[0].name}; empty for a stand-alone card
     * @throws InvalidInputException if the node is not a usable card
     */
    public static AgentCard parse(JsonNode card, String source, String pathPrefix, EndpointRule endpointRule) {
        JsonField root = new JsonField(source, pathPrefix, card).object(A_CARD);
        A2aCardVersion form = detect(root);

        JsonField nameField = root.get("name");
        String name = nameField.nonBlankString(A_NON_BLANK_STRING);
        AgentId id = id(nameField, name);
        String description = root.get("description").string(A_STRING);
        List<JsonField> skillFields = root.get("skills").array("an array of skills (may be empty)");
        List<Skill> skills = skills(skillFields);
        List<String> inputModes = modes(root.get("defaultInputModes"), skillFields, "inputModes");
        List<String> outputModes = modes(root.get("defaultOutputModes"), skillFields, "outputModes");
        List<Endpoint> endpoints = switch (form) {
            case V0_2, V0_3 -> urlEndpoints(root, endpointRule);
            case V1_0 -> interfaceEndpoints(root, endpointRule);
        };
        String version =
                root.get("version").optionalString("a string such as '1.0.0'").orElse("");

        return new AgentCard(id, name, description, skills, inputModes, outputModes, endpoints, version);
    }

    /**
     * Tells which form a card is written in: 1.0 if it has {@code supportedInterfaces}, otherwise the series its
     * {@code protocolVersion} names, otherwise 0.2-style.
     *
     * @throws InvalidInputException if the node is not an object or its {@code protocolVersion} is not a string
     *     {@code 0.2.x}, {@code 0.3.x} or {@code 1.x}
     */
    public static A2aCardVersion detect(JsonNode card) {
        return detect(new JsonField("agent card", "", card).object(A_CARD));
    }

    private static A2aCardVersion detect(JsonField card) {
        Optional<A2aCardVersion> declared = declaredForm(card);
        if (card.get("supportedInterfaces").isPresent()) {
            return A2aCardVersion.V1_0;
        }
        return declared.orElse(A2aCardVersion.V0_2);
    }

    private static Optional<A2aCardVersion> declaredForm(JsonField card) {
        JsonField field = card.get("protocolVersion");
        Optional<String> text = field.optionalString(A_PROTOCOL_VERSION);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                A2aCardVersion.ofProtocolVersion(text.get()).orElseThrow(() -> field.invalid(A_PROTOCOL_VERSION)));
    }

    private static AgentId id(JsonField nameField, String name) {
        try {
            return AgentId.slug(name);
        } catch (IllegalArgumentException e) {
            throw withCause(nameField.invalid("a name with at least one ASCII letter or digit"), e);
        }
    }

    private static List<Skill> skills(List<JsonField> items) {
        List<Skill> skills = new ArrayList<>(items.size());
        Map<String, String> firstPathById = new HashMap<>();
        for (JsonField item : items) {
            item.object("a skill object with id, name and description");
            JsonField idField = item.get("id");
            String id = idField.nonBlankString(A_NON_BLANK_STRING);
            String earlier = firstPathById.putIfAbsent(id, idField.label());
            if (earlier != null) {
                throw idField.invalid("an id not already used by " + earlier);
            }
            String name = item.get("name").nonBlankString(A_NON_BLANK_STRING);
            String description = item.get("description").string(A_STRING);
            skills.add(new Skill(
                    id,
                    name,
                    description,
                    item.get("tags").strings(),
                    item.get("examples").strings()));
        }
        return skills;
    }

    private static List<String> modes(JsonField defaults, List<JsonField> skills, String skillField) {
        Set<String> modes = new LinkedHashSet<>(defaults.strings());
        for (JsonField skill : skills) {
            modes.addAll(skill.get(skillField).strings());
        }
        return List.copyOf(modes);
    }

    private static List<Endpoint> urlEndpoints(JsonField card, EndpointRule rule) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        String protocolVersion =
                card.get("protocolVersion").optionalString(A_PROTOCOL_VERSION).orElse("");
        JsonField url = card.get("url");
        if (url.isPresent() || rule == EndpointRule.REQUIRED) {
            String binding = card.get("preferredTransport")
                    .optionalNonBlankString(A_BINDING)
                    .orElse(DEFAULT_BINDING);
            endpoints.add(new Endpoint(httpUrl(url), binding, protocolVersion));
        }
        for (JsonField entry : card.get("additionalInterfaces").optionalArray("an array of {url, transport} objects")) {
            entry.object("an interface object {url, transport}");
            URI entryUrl = httpUrl(entry.get("url"));
            String transport = entry.get("transport").nonBlankString(A_BINDING);
            endpoints.add(new Endpoint(entryUrl, transport, protocolVersion));
        }
        return List.copyOf(endpoints);
    }

    private static List<Endpoint> interfaceEndpoints(JsonField card, EndpointRule rule) {
        JsonField interfaces = card.get("supportedInterfaces");
        if (!interfaces.isPresent()) {
            JsonField url = card.get("url");
            if (url.isPresent()) {
                throw url.invalid("no top-level url in a 1.0 card; list it under supportedInterfaces");
            }
            if (rule == EndpointRule.REQUIRED) {
                throw interfaces.invalid(AN_INTERFACE_LIST);
            }
            return List.of();
        }
        List<JsonField> entries = interfaces.array(AN_INTERFACE_LIST);
        if (entries.isEmpty() && rule == EndpointRule.REQUIRED) {
            throw interfaces.invalid(AN_INTERFACE_LIST);
        }
        String cardVersion = card.get("protocolVersion")
                .optionalString(A_PROTOCOL_VERSION)
                .filter(v -> A2aCardVersion.ofProtocolVersion(v).equals(Optional.of(A2aCardVersion.V1_0)))
                .orElse("");
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (JsonField entry : entries) {
            entry.object("an interface object {url, protocolBinding, protocolVersion}");
            URI url = httpUrl(entry.get("url"));
            JsonField binding = entry.get("protocolBinding");
            String bindingName = binding.optionalNonBlankString(A_BINDING)
                    .or(() -> entry.get("transport").optionalNonBlankString(A_BINDING))
                    .orElseThrow(() -> binding.invalid(A_BINDING));
            String protocolVersion = entry.get("protocolVersion")
                    .optionalString("a string such as 1.0 or 0.3")
                    .orElse(cardVersion);
            endpoints.add(new Endpoint(url, bindingName, protocolVersion));
        }
        return List.copyOf(endpoints);
    }

    private static URI httpUrl(JsonField field) {
        String text = field.nonBlankString(A_URL);
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
                return uri;
            }
            throw field.invalid(A_URL);
        } catch (URISyntaxException e) {
            throw withCause(field.invalid(A_URL), e);
        }
    }

    /** Jackson's {@code readTree} on text or bytes already in memory. */
    private interface TreeReader {
        JsonNode read() throws IOException;
    }

    private static JsonNode tree(String source, TreeReader reader) {
        JsonNode tree;
        try {
            tree = reader.read();
        } catch (JsonProcessingException e) {
            throw withCause(notJson(source, e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("parsing agent card %s from memory failed".formatted(source), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw InvalidInputException.missing(source, "(root)", A_CARD);
        }
        return tree;
    }

    /**
     * Names the parser's location and its message, without the parts that describe Jackson rather than the input:
     * the source description ({@code (start marker at [Source: ...])}) and the Java type the tree was bound to.
     */
    private static InvalidInputException notJson(String source, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null
                ? "(root)"
                : String.format(Locale.ROOT, "line %d, column %d", location.getLineNr(), location.getColumnNr());
        String reason = e.getOriginalMessage() == null ? "unreadable JSON" : e.getOriginalMessage();
        int sourceDescription = reason.indexOf("[Source");
        if (sourceDescription >= 0) {
            int parenthesis = reason.lastIndexOf(" (", sourceDescription);
            reason = reason.substring(0, parenthesis >= 0 ? parenthesis : sourceDescription);
        }
        int javaType = reason.indexOf(" (bound as ");
        if (javaType >= 0) {
            reason = reason.substring(0, javaType);
        }
        return new InvalidInputException(source, where, "not JSON: " + Values.oneLine(reason), A_CARD);
    }

    /** {@code error} with {@code cause} attached, for a message that reports a lower-level failure. */
    public static InvalidInputException withCause(InvalidInputException error, Throwable cause) {
        error.initCause(cause);
        return error;
    }
}
