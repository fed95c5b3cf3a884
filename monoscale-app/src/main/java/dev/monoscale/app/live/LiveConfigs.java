package dev.monoscale.app.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.monoscale.a2a.A2aAgent;
import dev.monoscale.cards.A2aCards;
import dev.monoscale.a2a.A2aClientConfig;
import dev.monoscale.a2a.A2aDiscovery;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Skill;
import dev.monoscale.llm.ServerDialect;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a live config file ({@code .yaml}, {@code .yml} or {@code .json}). Every defect is one
 * {@link InvalidInputException} naming the file, the field's path, the value and what is allowed. Keys never
 * come from the file: an endpoint names the environment variable that holds its key ({@code apiKeyEnv}).
 *
 * <pre>{@code
 * router:
 *   endpoint: {type: openai, baseUrl: http://127.0.0.1:8000/v1, model: qwen3-8b, dialect: vllm}
 * workers:
 *   - card: cards/ledger.json            # an A2A card file, relative to this file, or an inline card
 *     endpoint: {type: openai, baseUrl: http://127.0.0.1:11434/v1, model: llama3.2, dialect: ollama}
 *     systemPrompt: You keep the books.
 *   - endpoint: {type: a2a, url: http://127.0.0.1:9001, tokenEnv: PAYROLL_TOKEN}   # its card comes from the agent
 * }</pre>
 *
 * <p>Without {@code router} the system is model-free (see {@link LiveConfig}); a {@code judge} then has nothing to
 * judge for and is refused.
 */
public final class LiveConfigs {

    static final Set<String> TYPES = Set.of("openai", "a2a");

    private LiveConfigs() {}

    public static LiveConfig load(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--config", "config", "'" + file + "' (not found)", "an existing .yaml, .yml or .json file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new YAMLMapper();
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, "(file)", "not valid " + (name.endsWith(".json") ? "JSON" : "YAML")
                    + " at line " + e.getLocation().getLineNr(), "a YAML or JSON object; " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(source, "(file)", "unreadable (" + e.getMessage() + ")", "a readable file");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(source, "(file)", "not an object", "a YAML or JSON object with 'router' and 'workers'");
        }
        known(root, source, "", "router", "judge", "workers");
        EndpointSpec.OpenAi router = root.has("router") ? model(root.path("router"), source, "router", true) : null;
        if (router == null && root.has("judge")) {
            throw new InvalidInputException(source, "judge", "(a judge without a router)",
                    "a judge only with a router model; without one the system is model-free and checks that tasks were answered");
        }
        EndpointSpec.OpenAi judge = root.has("judge") ? model(root.path("judge"), source, "judge", true) : router;
        JsonNode workers = root.path("workers");
        if (!workers.isArray() || workers.isEmpty()) {
            throw InvalidInputException.missing(source, "workers", "a list of at least one worker (card, endpoint, systemPrompt)");
        }
        List<LiveConfig.WorkerSpec> specs = new ArrayList<>();
        Set<AgentId> ids = new HashSet<>();
        for (int i = 0; i < workers.size(); i++) {
            String at = "workers[" + i + "]";
            JsonNode worker = workers.get(i);
            known(worker, source, at + ".", "card", "endpoint", "systemPrompt");
            EndpointSpec endpoint = endpoint(worker.path("endpoint"), source, at + ".endpoint");
            AgentCard card;
            if (endpoint instanceof EndpointSpec.A2a a2a) {
                if (worker.has("card")) {
                    throw new InvalidInputException(source, at + ".card", "(a card for an A2A agent)",
                            "no card: an A2A agent's card is the one it publishes at " + a2a.url());
                }
                card = a2a.agent().card();
            } else {
                card = card(worker.path("card"), file, at + ".card");
            }
            if (!ids.add(card.id())) {
                throw new InvalidInputException(source, at + ".card", "'" + card.id() + "'", "a worker id not used by an earlier worker");
            }
            specs.add(new LiveConfig.WorkerSpec(card, endpoint, worker.path("systemPrompt").asText("")));
        }
        return new LiveConfig(file, router, judge, specs);
    }

    private static EndpointSpec.OpenAi model(JsonNode node, String source, String at, boolean required) {
        if (node.isMissingNode() && required) {
            throw InvalidInputException.missing(source, at, "an object with an 'endpoint' of type openai");
        }
        known(node, source, at + ".", "endpoint");
        EndpointSpec spec = endpoint(node.path("endpoint"), source, at + ".endpoint");
        if (!(spec instanceof EndpointSpec.OpenAi openAi)) {
            throw new InvalidInputException(source, at + ".endpoint.type", "'" + node.path("endpoint").path("type").asText() + "'", "openai (the router and judge are models)");
        }
        return openAi;
    }

    /** The endpoint of a worker or model, by its {@code type}. */
    static EndpointSpec endpoint(JsonNode node, String source, String at) {
        if (!node.isObject()) {
            throw InvalidInputException.missing(source, at, "an object with 'type' (one of " + String.join(", ", TYPES) + ")");
        }
        String type = node.path("type").asText("");
        return switch (type) {
            case "openai" -> openAi(node, source, at);
            case "a2a" -> a2a(node, source, at);
            default -> throw new InvalidInputException(source, at + ".type", type.isEmpty() ? "(missing)" : "'" + type + "'",
                    String.join(", ", TYPES.stream().sorted().toList()));
        };
    }

    private static EndpointSpec.OpenAi openAi(JsonNode node, String source, String at) {
        known(node, source, at + ".", "type", "baseUrl", "model", "dialect", "apiKeyEnv", "apiKey", "timeoutSeconds", "retries");
        if (node.has("apiKey")) {
            throw new InvalidInputException(source, at + ".apiKey", "(a key in the file)",
                    "no key in the file: put it in an environment variable and name that variable in apiKeyEnv");
        }
        String url = text(node, source, at + ".baseUrl", "an http(s) URL such as http://127.0.0.1:8000/v1");
        URI baseUrl;
        try {
            baseUrl = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, at + ".baseUrl", "'" + url + "'", "an http(s) URL such as http://127.0.0.1:8000/v1");
        }
        noCredentials(baseUrl.getRawUserInfo(), source, at + ".baseUrl", "apiKeyEnv");
        if (baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?") || baseUrl.getHost() == null) {
            throw new InvalidInputException(source, at + ".baseUrl", "'" + url + "'", "an http(s) URL such as http://127.0.0.1:8000/v1");
        }
        String model = text(node, source, at + ".model", "the model name the server knows");
        String dialectName = node.path("dialect").asText("generic");
        ServerDialect dialect;
        try {
            dialect = ServerDialect.named(dialectName);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, at + ".dialect", "'" + dialectName + "'",
                    Arrays.stream(ServerDialect.values()).map(ServerDialect::configName).collect(Collectors.joining(", ")));
        }
        String keyEnv = node.path("apiKeyEnv").asText("").strip();
        if (!keyEnv.isEmpty() && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidInputException(source, at + ".apiKeyEnv", "'" + keyEnv + "'", "the name of an environment variable, such as OPENAI_API_KEY");
        }
        int timeout = number(node, "timeoutSeconds", 60, 1, 3600, source, at);
        int retries = number(node, "retries", 3, 0, 10, source, at);
        return new EndpointSpec.OpenAi(baseUrl, model, dialect, keyEnv.isEmpty() ? null : keyEnv, Duration.ofSeconds(timeout), retries);
    }

    /** An A2A endpoint; the agent's card is fetched (or read) now, so a wrong URL is reported with the config. */
    private static EndpointSpec.A2a a2a(JsonNode node, String source, String at) {
        known(node, source, at + ".", "type", "url", "tokenEnv", "token", "timeoutSeconds", "deadlineSeconds");
        if (node.has("token")) {
            throw new InvalidInputException(source, at + ".token", "(a token in the file)",
                    "no token in the file: put it in an environment variable and name that variable in tokenEnv");
        }
        String url = text(node, source, at + ".url", "the agent's base URL, its card's URL, or a card file");
        if (A2aDiscovery.isUrl(url)) {
            try {
                noCredentials(URI.create(url).getRawUserInfo(), source, at + ".url", "tokenEnv");
            } catch (IllegalArgumentException notAUri) {
                // reported by discovery, with the URL
            }
        }
        String tokenEnv = node.path("tokenEnv").asText("").strip();
        if (!tokenEnv.isEmpty() && !tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidInputException(source, at + ".tokenEnv", "'" + tokenEnv + "'", "the name of an environment variable, such as PAYROLL_TOKEN");
        }
        int timeout = number(node, "timeoutSeconds", 30, 1, 3600, source, at);
        int deadline = number(node, "deadlineSeconds", 120, 1, 86_400, source, at);
        if (deadline < timeout) {
            throw new InvalidInputException(source, at + ".deadlineSeconds", Integer.toString(deadline),
                    "at least timeoutSeconds (" + timeout + "): the deadline covers a whole task");
        }
        A2aClientConfig client = A2aClientConfig.defaults().withTimeouts(Duration.ofSeconds(timeout), Duration.ofSeconds(deadline));
        A2aAgent agent = A2aDiscovery.isUrl(url) ? new A2aDiscovery(client).discover(url)
                : A2aDiscovery.read(Path.of(source).toAbsolutePath().getParent().resolve(url));
        return new EndpointSpec.A2a(url, tokenEnv.isEmpty() ? null : tokenEnv, Duration.ofSeconds(timeout), Duration.ofSeconds(deadline), agent);
    }

    /** A secret in a URL (user:password@) would come from the file and show in every message that names the endpoint. */
    private static void noCredentials(String userInfo, String source, String at, String variableField) {
        if (userInfo != null) {
            throw new InvalidInputException(source, at, "(credentials in the URL)",
                    "a URL without user:password@; put the key in an environment variable and name that variable in " + variableField);
        }
    }

    private static AgentCard card(JsonNode node, Path file, String at) {
        String source = file.toString();
        if (node.isTextual()) {
            Path cardFile = file.toAbsolutePath().getParent().resolve(node.asText());
            if (!Files.isRegularFile(cardFile)) {
                throw new InvalidInputException(source, at, "'" + node.asText() + "' (not found next to the config)", "an A2A agent card file, or an inline card");
            }
            return A2aCards.read(cardFile);
        }
        if (!node.isObject()) {
            throw InvalidInputException.missing(source, at, "an A2A agent card file name, or an inline card {name, description, skills}");
        }
        known(node, source, at + ".", "id", "name", "description", "skills");
        String name = text(node, source, at + ".name", "the worker's display name");
        AgentId id;
        try {
            id = node.has("id") ? AgentId.of(node.path("id").asText()) : AgentId.slug(name);
        } catch (IllegalArgumentException e) {
            throw node.has("id") ? new InvalidInputException(source, at + ".id", "'" + node.path("id").asText() + "'", "lower-case kebab-case such as ledger-agent")
                    : new InvalidInputException(source, at + ".name", "'" + name + "'", "a name with letters or digits, or an 'id' such as ledger-agent");
        }
        JsonNode skillList = node.path("skills");
        if (!skillList.isMissingNode() && !skillList.isArray()) {
            throw new InvalidInputException(source, at + ".skills", skillList.toString(), "a list of skills {name, description, tags, examples}");
        }
        List<Skill> skills = new ArrayList<>();
        for (int i = 0; i < skillList.size(); i++) {
            JsonNode skill = skillList.get(i);
            String skillName = text(skill, source, at + ".skills[" + i + "].name", "the skill's name");
            List<String> examples = new ArrayList<>();
            skill.path("examples").forEach(example -> examples.add(example.asText()));
            List<String> tags = new ArrayList<>();
            skill.path("tags").forEach(tag -> tags.add(tag.asText()));
            String skillId;
            try {
                skillId = AgentId.slug(skillName).value();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, at + ".skills[" + i + "].name", "'" + skillName + "'", "a name with letters or digits");
            }
            skills.add(new Skill(skillId, skillName, skill.path("description").asText(""), tags, examples));
        }
        return new AgentCard(id, name, node.path("description").asText(""), skills, List.of("text/plain"), List.of("text/plain"), List.of(), "");
    }

    private static String text(JsonNode node, String source, String at, String allowed) {
        String field = at.substring(at.lastIndexOf('.') + 1);
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw value.isMissingNode() || value.isNull() ? InvalidInputException.missing(source, at, allowed)
                    : new InvalidInputException(source, at, value.toString(), allowed);
        }
        return value.asText().strip();
    }

    private static int number(JsonNode node, String field, int fallback, int min, int max, String source, String at) {
        if (!node.has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new InvalidInputException(source, at + "." + field, value.toString(), "a whole number in [%d, %d]".formatted(min, max));
        }
        return value.asInt();
    }

    private static void known(JsonNode node, String source, String at, String... fields) {
        Set<String> allowed = Set.of(fields);
        node.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw new InvalidInputException(source, at + field, "(unknown field)", String.join(", ", Arrays.stream(fields).toList()));
            }
        });
    }
}
