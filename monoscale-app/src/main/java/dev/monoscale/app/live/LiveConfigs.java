package dev.monoscale.app.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.monoscale.llm.client.EndpointSettings;
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
import dev.monoscale.mcp.McpCards;
import dev.monoscale.mcp.McpConnectException;
import dev.monoscale.mcp.McpConnection;
import dev.monoscale.mcp.McpServerSpec;
import dev.monoscale.mcp.McpSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
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
 *   - endpoint: {type: mcp, command: [node, server.js, stdio], env: {LOG_LEVEL: warn}}   # its card from tools/list
 *   - endpoint: {type: mcp, url: http://127.0.0.1:3001/mcp, tokenEnv: TOOLS_TOKEN}
 *   - card: cards/analyst.json
 *     endpoint: {type: openai, baseUrl: http://127.0.0.1:11434/v1, model: qwen3, dialect: ollama}
 *     tools: [{type: mcp, command: [node, calculator.js]}]   # MCP servers whose tools the model may call
 *     maxToolTurns: 4
 * }</pre>
 *
 * <p>An MCP server is started or connected while the file is read (its card is its {@code tools/list}); when a
 * later entry is refused, the servers already started are stopped before the error is thrown.
 *
 * <p>Without {@code router} the system is model-free (see {@link LiveConfig}); a {@code judge} then has nothing to
 * judge for and is refused.
 */
public final class LiveConfigs {

    static final Set<String> TYPES = Set.of("openai", "a2a", "mcp");

    private LiveConfigs() {}

    public static LiveConfig load(Path file) {
        return load(file, System::getenv);
    }

    /** @param environment looks up the variables that MCP servers' {@code tokenEnv} name; they are needed to connect */
    public static LiveConfig load(Path file, Function<String, String> environment) {
        List<McpConnection> opened = new ArrayList<>();
        try {
            return read(file, environment, opened);
        } catch (RuntimeException e) {
            opened.forEach(McpConnection::close);
            throw e;
        }
    }

    private static LiveConfig read(Path file, Function<String, String> environment, List<McpConnection> opened) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--config", "config", "'" + file + "' (not found)", "an existing .yaml, .yml or .json file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new YAMLMapper();
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // a document nested past the parser's limit (1000 levels) has no location to report
            throw new InvalidInputException(source, "(file)",
                    "nested too deeply (more than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels)",
                    "a YAML or JSON object nested at most " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels deep");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidInputException(source, "(file)", "not valid " + (name.endsWith(".json") ? "JSON" : "YAML")
                    + where, "a YAML or JSON object; " + oneLine(e.getOriginalMessage()));
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
            known(worker, source, at + ".", "card", "endpoint", "systemPrompt", "tools", "maxToolTurns");
            EndpointSpec endpoint = endpoint(worker.path("endpoint"), source, at + ".endpoint", file, environment, opened);
            AgentCard card;
            if (endpoint instanceof EndpointSpec.Mcp mcp) {
                if (worker.has("card")) {
                    throw new InvalidInputException(source, at + ".card", "(a card for an MCP server)",
                            "no card: an MCP server's card is made from its tools/list (see card show mcp:" + mcp.where() + ")");
                }
                if (worker.has("systemPrompt")) {
                    throw new InvalidInputException(source, at + ".systemPrompt", "(a system prompt for an MCP server)",
                            "no systemPrompt: an MCP server takes tool calls, not prompts");
                }
                card = McpCards.card(mcp.connection(), mcpId(worker.path("endpoint"), mcp, source, at + ".endpoint"));
            } else if (endpoint instanceof EndpointSpec.A2a a2a) {
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
            List<EndpointSpec.Mcp> tools = tools(worker, endpoint, source, at, file, environment, opened);
            int turns = number(worker, "maxToolTurns", 4, 1, 20, source, at);
            if (worker.has("maxToolTurns") && tools.isEmpty()) {
                throw new InvalidInputException(source, at + ".maxToolTurns", worker.path("maxToolTurns").toString(),
                        "maxToolTurns only with tools: a list of MCP servers whose tools the model may call");
            }
            specs.add(new LiveConfig.WorkerSpec(card, endpoint, worker.path("systemPrompt").asText(""), tools, tools.isEmpty() ? 0 : turns));
        }
        return new LiveConfig(file, router, judge, specs);
    }

    /** A parser's message on one line, cut to 200 characters. */
    private static String oneLine(String message) {
        String line = String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static EndpointSpec.OpenAi model(JsonNode node, String source, String at, boolean required) {
        if (node.isMissingNode() && required) {
            throw InvalidInputException.missing(source, at, "an object with an 'endpoint' of type openai");
        }
        known(node, source, at + ".", "endpoint");
        String type = node.path("endpoint").path("type").asText("");
        if (!type.equals("openai") && TYPES.contains(type)) {
            // refused before an A2A agent is fetched or an MCP server started
            throw new InvalidInputException(source, at + ".endpoint.type", "'" + type + "'", "openai (the router and judge are models)");
        }
        EndpointSpec spec = endpoint(node.path("endpoint"), source, at + ".endpoint");
        if (!(spec instanceof EndpointSpec.OpenAi openAi)) {
            throw new InvalidInputException(source, at + ".endpoint.type", "'" + node.path("endpoint").path("type").asText() + "'", "openai (the router and judge are models)");
        }
        return openAi;
    }

    /** The MCP servers whose tools a model worker may call: only for {@code type: openai}. */
    private static List<EndpointSpec.Mcp> tools(JsonNode worker, EndpointSpec endpoint, String source, String at, Path file,
            Function<String, String> environment, List<McpConnection> opened) {
        if (!worker.has("tools")) {
            return List.of();
        }
        JsonNode list = worker.path("tools");
        if (!(endpoint instanceof EndpointSpec.OpenAi)) {
            throw new InvalidInputException(source, at + ".tools", "(tools for a " + worker.path("endpoint").path("type").asText() + " worker)",
                    "tools only for a worker of type openai: the MCP servers whose tools its model may call");
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidInputException(source, at + ".tools", list.toString(), "a list of MCP servers such as [{type: mcp, command: [node, tools.js]}]");
        }
        List<EndpointSpec.Mcp> tools = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String toolAt = at + ".tools[" + i + "]";
            if (!"mcp".equals(list.get(i).path("type").asText())) {
                throw new InvalidInputException(source, toolAt + ".type", "'" + list.get(i).path("type").asText() + "'", "mcp (tools come from MCP servers)");
            }
            tools.add(mcp(list.get(i), source, toolAt, file, environment, opened));
        }
        return tools;
    }

    /** The endpoint of a worker or model, by its {@code type}. */
    static EndpointSpec endpoint(JsonNode node, String source, String at) {
        return endpoint(node, source, at, Path.of(source), System::getenv, new ArrayList<>());
    }

    private static EndpointSpec endpoint(JsonNode node, String source, String at, Path file, Function<String, String> environment,
            List<McpConnection> opened) {
        if (!node.isObject()) {
            throw InvalidInputException.missing(source, at, "an object with 'type' (one of " + String.join(", ", TYPES) + ")");
        }
        String type = node.path("type").asText("");
        return switch (type) {
            case "openai" -> openAi(node, source, at);
            case "a2a" -> a2a(node, source, at);
            case "mcp" -> mcp(node, source, at, file, environment, opened);
            default -> throw new InvalidInputException(source, at + ".type", type.isEmpty() ? "(missing)" : "'" + type + "'",
                    String.join(", ", TYPES.stream().sorted().toList()));
        };
    }

    private static EndpointSpec.OpenAi openAi(JsonNode node, String source, String at) {
        known(node, source, at + ".", "type", "baseUrl", "model", "dialect", "apiKeyEnv", "apiKey", "timeoutSeconds", "retries",
                "maxTokens");
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
        int maxTokens = number(node, "maxTokens", EndpointSettings.DEFAULT_MAX_TOKENS, 1, 1_000_000, source, at);
        return new EndpointSpec.OpenAi(baseUrl, model, dialect, keyEnv.isEmpty() ? null : keyEnv, Duration.ofSeconds(timeout), retries,
                maxTokens);
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
                : A2aDiscovery.read(Objects.requireNonNull(Path.of(source).toAbsolutePath().getParent()).resolve(url));
        return new EndpointSpec.A2a(url, tokenEnv.isEmpty() ? null : tokenEnv, Duration.ofSeconds(timeout), Duration.ofSeconds(deadline), agent);
    }

    /**
     * An MCP server: {@code command} (stdio) or {@code url} (Streamable HTTP). It is started or connected now, so
     * that a missing program, a server that dies or a wrong URL is reported with the config, with the server's stderr.
     */
    private static EndpointSpec.Mcp mcp(JsonNode node, String source, String at, Path file, Function<String, String> environment,
            List<McpConnection> opened) {
        known(node, source, at + ".", "type", "command", "env", "url", "tokenEnv", "token", "id", "timeoutSeconds", "startSeconds");
        if (node.has("token")) {
            throw new InvalidInputException(source, at + ".token", "(a token in the file)",
                    "no token in the file: put it in an environment variable and name that variable in tokenEnv");
        }
        String both = "command: [program, arguments...] for a stdio server, or url: http(s)://host:port/mcp for Streamable HTTP";
        if (node.has("command") == node.has("url")) {
            throw new InvalidInputException(source, at, node.has("command") ? "(both command and url)" : "(neither command nor url)", "one of " + both);
        }
        int timeout = number(node, "timeoutSeconds", 30, 1, 3600, source, at);
        int start = number(node, "startSeconds", 20, 1, 600, source, at);
        McpServerSpec spec;
        String where;
        String field;
        if (node.has("command")) {
            field = at + ".command";
            JsonNode command = node.path("command");
            List<String> parts = new ArrayList<>();
            command.forEach(part -> parts.add(part.isTextual() ? part.asText() : ""));
            if (!command.isArray() || parts.isEmpty() || parts.stream().anyMatch(String::isBlank)) {
                throw new InvalidInputException(source, field, command.toString(), "a list such as [node, server.js, stdio]: the program, then its arguments");
            }
            if (parts.getFirst().contains("/") && !Path.of(parts.getFirst()).isAbsolute()) {
                parts.set(0, Objects.requireNonNull(file.toAbsolutePath().getParent()).resolve(parts.getFirst()).normalize()
                        .toString());
            }
            if (node.has("tokenEnv")) {
                throw new InvalidInputException(source, at + ".tokenEnv", "(a token for a stdio server)", "tokenEnv only with url; give a stdio server its variables in env");
            }
            JsonNode env = node.path("env");
            if (!env.isMissingNode() && !env.isObject()) {
                throw new InvalidInputException(source, at + ".env", env.toString(), "an object of variable names and values, such as {LOG_LEVEL: warn}");
            }
            Map<String, String> variables = new LinkedHashMap<>();
            env.properties().forEach(entry -> {
                if (!entry.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") || !entry.getValue().isValueNode()) {
                    throw new InvalidInputException(source, at + ".env." + entry.getKey(), entry.getValue().toString(),
                            "a variable name such as LOG_LEVEL with a text or number value");
                }
                variables.put(entry.getKey(), entry.getValue().asText());
            });
            spec = new McpServerSpec.Stdio(parts, variables);
            where = String.join(" ", parts);
        } else {
            field = at + ".url";
            if (node.has("env")) {
                throw new InvalidInputException(source, at + ".env", "(variables for an HTTP server)", "env only with command: a server at a URL runs elsewhere");
            }
            String url = text(node, source, field, "an http(s) URL such as http://127.0.0.1:3001/mcp");
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, field, "'" + url + "'", "an http(s) URL such as http://127.0.0.1:3001/mcp");
            }
            noCredentials(uri.getRawUserInfo(), source, field, "tokenEnv");
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new InvalidInputException(source, field, "'" + url + "'", "an http(s) URL such as http://127.0.0.1:3001/mcp");
            }
            String tokenEnv = node.path("tokenEnv").asText("").strip();
            String token = null;
            if (!tokenEnv.isEmpty()) {
                if (!tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new InvalidInputException(source, at + ".tokenEnv", "'" + tokenEnv + "'", "the name of an environment variable, such as TOOLS_TOKEN");
                }
                token = environment.apply(tokenEnv);
                if (token == null || token.isBlank()) {
                    throw new InvalidInputException(source, at + ".tokenEnv", "'" + tokenEnv + "' (not set in the environment)",
                            "the name of an environment variable that holds the token; export it first");
                }
            }
            spec = new McpServerSpec.Http(uri, token);
            where = url;
        }
        try {
            McpConnection connection = McpConnection.open(spec, new McpSettings(Duration.ofSeconds(start), Duration.ofSeconds(timeout)));
            opened.add(connection);
            return new EndpointSpec.Mcp(where, connection);
        } catch (McpConnectException e) {
            throw new InvalidInputException(source, field, "'" + where + "'", "an MCP server that starts and lists its tools; " + e.getMessage());
        }
    }

    /** The id an MCP worker's entry gives, else the slug of the server's name. */
    private static AgentId mcpId(JsonNode node, EndpointSpec.Mcp mcp, String source, String at) {
        if (!node.has("id")) {
            return AgentId.slug(mcp.connection().serverName());
        }
        try {
            return AgentId.of(node.path("id").asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, at + ".id", "'" + node.path("id").asText() + "'", "lower-case kebab-case such as tools-server");
        }
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
            Path cardFile = Objects.requireNonNull(file.toAbsolutePath().getParent()).resolve(node.asText());
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
