package dev.monoscale.app.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.monoscale.a2a.A2aAgent;
import dev.monoscale.a2a.A2aClientConfig;
import dev.monoscale.a2a.A2aDiscovery;
import dev.monoscale.cards.A2aCards;
import dev.monoscale.cards.JsonField;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Skill;
import dev.monoscale.llm.ServerDialect;
import dev.monoscale.llm.client.EndpointSettings;
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

    private static final String VARIABLE = "[A-Za-z_][A-Za-z0-9_]*";

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
            throw new InvalidInputException(
                    "--config", "config", "'" + file + "' (not found)", "an existing .yaml, .yml or .json file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new YAMLMapper();
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // a document nested past the parser's limit (1000 levels) has no location to report
            throw new InvalidInputException(
                    source,
                    "(file)",
                    "nested too deeply (more than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels)",
                    "a YAML or JSON object nested at most " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels deep");
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidInputException(
                    source,
                    "(file)",
                    "not valid " + (name.endsWith(".json") ? "JSON" : "YAML") + where,
                    "a YAML or JSON object; " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidInputException(source, "(file)", "unreadable (" + e.getMessage() + ")", "a readable file");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(
                    source, "(file)", "not an object", "a YAML or JSON object with 'router' and 'workers'");
        }
        return read(JsonField.root(source, root), file, environment, opened);
    }

    private static LiveConfig read(
            JsonField root, Path file, Function<String, String> environment, List<McpConnection> opened) {
        String source = root.source();
        root.known("router", "judge", "workers");
        EndpointSpec.OpenAi router = root.get("router").isPresent() ? model(root.get("router")) : null;
        if (router == null && root.get("judge").isPresent()) {
            throw new InvalidInputException(
                    source,
                    "judge",
                    "(a judge without a router)",
                    "a judge only with a router model; without one the system is model-free and checks that tasks were answered");
        }
        EndpointSpec.OpenAi judge = root.get("judge").isPresent() ? model(root.get("judge")) : router;
        JsonField workers = root.get("workers");
        if (!workers.isPresent()
                || !workers.value().isArray()
                || workers.value().isEmpty()) {
            throw InvalidInputException.missing(
                    source, "workers", "a list of at least one worker (card, endpoint, systemPrompt)");
        }
        List<LiveConfig.WorkerSpec> specs = new ArrayList<>();
        Set<AgentId> ids = new HashSet<>();
        for (JsonField worker : workers.array("a list of workers")) {
            worker.object("an object with endpoint and, for type openai, card and systemPrompt")
                    .known("card", "endpoint", "systemPrompt", "tools", "maxToolTurns");
            String at = worker.path();
            EndpointSpec endpoint = endpoint(worker.get("endpoint"), file, environment, opened);
            AgentCard card;
            if (endpoint instanceof EndpointSpec.Mcp mcp) {
                if (worker.get("card").isPresent()) {
                    throw new InvalidInputException(
                            source,
                            at + ".card",
                            "(a card for an MCP server)",
                            "no card: an MCP server's card is made from its tools/list (see card show mcp:"
                                    + mcp.where() + ")");
                }
                if (worker.get("systemPrompt").isPresent()) {
                    throw new InvalidInputException(
                            source,
                            at + ".systemPrompt",
                            "(a system prompt for an MCP server)",
                            "no systemPrompt: an MCP server takes tool calls, not prompts");
                }
                card = McpCards.card(mcp.connection(), mcpId(worker.get("endpoint"), mcp));
            } else if (endpoint instanceof EndpointSpec.A2a a2a) {
                if (worker.get("card").isPresent()) {
                    throw new InvalidInputException(
                            source,
                            at + ".card",
                            "(a card for an A2A agent)",
                            "no card: an A2A agent's card is the one it publishes at " + a2a.url());
                }
                card = a2a.agent().card();
            } else {
                card = card(worker.get("card"), file);
            }
            if (!ids.add(card.id())) {
                throw new InvalidInputException(
                        source, at + ".card", "'" + card.id() + "'", "a worker id not used by an earlier worker");
            }
            List<EndpointSpec.Mcp> tools = tools(worker, endpoint, file, environment, opened);
            int turns = worker.get("maxToolTurns").integer(4, 1, 20);
            if (worker.get("maxToolTurns").isPresent() && tools.isEmpty()) {
                throw worker.get("maxToolTurns")
                        .invalid("maxToolTurns only with tools: a list of MCP servers whose tools the model may call");
            }
            String prompt = worker.get("systemPrompt")
                    .optionalString("the worker's system prompt, a string")
                    .orElse("");
            specs.add(new LiveConfig.WorkerSpec(card, endpoint, prompt, tools, tools.isEmpty() ? 0 : turns));
        }
        return new LiveConfig(file, router, judge, specs);
    }

    /** A parser's message on one line, cut to 200 characters. */
    private static String oneLine(String message) {
        String line = String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** The router or the judge: an object with an endpoint of type openai. */
    private static EndpointSpec.OpenAi model(JsonField node) {
        node.object("an object with an 'endpoint' of type openai").known("endpoint");
        JsonField type = node.get("endpoint").get("type");
        String name = type.node() == null ? "" : type.node().asText("");
        if (!name.equals("openai") && TYPES.contains(name)) {
            // refused before an A2A agent is fetched or an MCP server started
            throw new InvalidInputException(
                    node.source(), type.path(), "'" + name + "'", "openai (the router and judge are models)");
        }
        EndpointSpec spec = endpoint(node.get("endpoint"));
        if (!(spec instanceof EndpointSpec.OpenAi openAi)) {
            throw new InvalidInputException(
                    node.source(), type.path(), "'" + name + "'", "openai (the router and judge are models)");
        }
        return openAi;
    }

    /** The MCP servers whose tools a model worker may call: only for {@code type: openai}. */
    private static List<EndpointSpec.Mcp> tools(
            JsonField worker,
            EndpointSpec endpoint,
            Path file,
            Function<String, String> environment,
            List<McpConnection> opened) {
        JsonField list = worker.get("tools");
        if (!list.isPresent()) {
            return List.of();
        }
        if (!(endpoint instanceof EndpointSpec.OpenAi)) {
            throw new InvalidInputException(
                    list.source(),
                    list.path(),
                    "(tools for a " + worker.get("endpoint").get("type").value().asText() + " worker)",
                    "tools only for a worker of type openai: the MCP servers whose tools its model may call");
        }
        List<EndpointSpec.Mcp> tools = new ArrayList<>();
        String allowed = "a list of MCP servers such as [{type: mcp, command: [node, tools.js]}]";
        for (JsonField tool : list.nonEmptyArray(allowed)) {
            JsonField type = tool.get("type");
            String name = type.node() == null ? "" : type.node().asText();
            if (!"mcp".equals(name)) {
                throw new InvalidInputException(
                        tool.source(), type.path(), "'" + name + "'", "mcp (tools come from MCP servers)");
            }
            tools.add(mcp(tool, file, environment, opened));
        }
        return tools;
    }

    /** The endpoint of a worker or model, by its {@code type}. */
    static EndpointSpec endpoint(JsonField node) {
        return endpoint(node, Path.of(node.source()), System::getenv, new ArrayList<>());
    }

    private static EndpointSpec endpoint(
            JsonField node, Path file, Function<String, String> environment, List<McpConnection> opened) {
        if (!node.isPresent() || !node.value().isObject()) {
            throw InvalidInputException.missing(
                    node.source(), node.path(), "an object with 'type' (one of " + String.join(", ", TYPES) + ")");
        }
        JsonNode typeNode = node.value().path("type");
        String type = typeNode.asText("");
        return switch (type) {
            case "openai" -> openAi(node);
            case "a2a" -> a2a(node);
            case "mcp" -> mcp(node, file, environment, opened);
            default ->
                throw new InvalidInputException(
                        node.source(),
                        node.get("type").path(),
                        type.isEmpty() ? "(missing)" : "'" + type + "'",
                        String.join(", ", TYPES.stream().sorted().toList()));
        };
    }

    private static EndpointSpec.OpenAi openAi(JsonField node) {
        node.known(
                "type", "baseUrl", "model", "dialect", "apiKeyEnv", "apiKey", "timeoutSeconds", "retries", "maxTokens");
        if (node.get("apiKey").isPresent()) {
            throw new InvalidInputException(
                    node.source(),
                    node.get("apiKey").path(),
                    "(a key in the file)",
                    "no key in the file: put it in an environment variable and name that variable in apiKeyEnv");
        }
        JsonField urlField = node.get("baseUrl");
        URI baseUrl = url(urlField, "an http(s) URL such as http://127.0.0.1:8000/v1", "apiKeyEnv");
        String model = node.get("model")
                .nonBlankString("the model name the server knows")
                .strip();
        JsonField dialectField = node.get("dialect");
        String dialects = Arrays.stream(ServerDialect.values())
                .map(ServerDialect::configName)
                .collect(Collectors.joining(", "));
        String dialectName = dialectField.optionalString(dialects).orElse("generic");
        ServerDialect dialect;
        try {
            dialect = ServerDialect.named(dialectName);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(node.source(), dialectField.path(), "'" + dialectName + "'", dialects);
        }
        String keyEnv = variable(node.get("apiKeyEnv"), "OPENAI_API_KEY");
        int timeout = node.get("timeoutSeconds").integer(60, 1, 3600);
        int retries = node.get("retries").integer(3, 0, 10);
        int maxTokens = node.get("maxTokens").integer(EndpointSettings.DEFAULT_MAX_TOKENS, 1, 1_000_000);
        return new EndpointSpec.OpenAi(
                baseUrl,
                model,
                dialect,
                keyEnv.isEmpty() ? null : keyEnv,
                Duration.ofSeconds(timeout),
                retries,
                maxTokens);
    }

    /** An A2A endpoint; the agent's card is fetched (or read) now, so a wrong URL is reported with the config. */
    private static EndpointSpec.A2a a2a(JsonField node) {
        node.known("type", "url", "tokenEnv", "token", "timeoutSeconds", "deadlineSeconds");
        if (node.get("token").isPresent()) {
            throw new InvalidInputException(
                    node.source(),
                    node.get("token").path(),
                    "(a token in the file)",
                    "no token in the file: put it in an environment variable and name that variable in tokenEnv");
        }
        String url = node.get("url")
                .nonBlankString("the agent's base URL, its card's URL, or a card file")
                .strip();
        if (A2aDiscovery.isUrl(url)) {
            try {
                noCredentials(URI.create(url).getRawUserInfo(), node.get("url"), "tokenEnv");
            } catch (IllegalArgumentException notAUri) {
                // reported by discovery, with the URL
            }
        }
        String tokenEnv = variable(node.get("tokenEnv"), "PAYROLL_TOKEN");
        int timeout = node.get("timeoutSeconds").integer(30, 1, 3600);
        JsonField deadlineField = node.get("deadlineSeconds");
        int deadline = deadlineField.integer(120, 1, 86_400);
        if (deadline < timeout) {
            throw new InvalidInputException(
                    node.source(),
                    deadlineField.path(),
                    Integer.toString(deadline),
                    "at least timeoutSeconds (" + timeout + "): the deadline covers a whole task");
        }
        A2aClientConfig client =
                A2aClientConfig.defaults().withTimeouts(Duration.ofSeconds(timeout), Duration.ofSeconds(deadline));
        A2aAgent agent = A2aDiscovery.isUrl(url)
                ? new A2aDiscovery(client).discover(url)
                : A2aDiscovery.read(java.util.Objects.requireNonNull(
                                Path.of(node.source()).toAbsolutePath().getParent())
                        .resolve(url));
        return new EndpointSpec.A2a(
                url,
                tokenEnv.isEmpty() ? null : tokenEnv,
                Duration.ofSeconds(timeout),
                Duration.ofSeconds(deadline),
                agent);
    }

    /**
     * An MCP server: {@code command} (stdio) or {@code url} (Streamable HTTP). It is started or connected now, so
     * that a missing program, a server that dies or a wrong URL is reported with the config, with the server's stderr.
     */
    private static EndpointSpec.Mcp mcp(
            JsonField node, Path file, Function<String, String> environment, List<McpConnection> opened) {
        node.known("type", "command", "env", "url", "tokenEnv", "token", "id", "timeoutSeconds", "startSeconds");
        String source = node.source();
        if (node.get("token").isPresent()) {
            throw new InvalidInputException(
                    source,
                    node.get("token").path(),
                    "(a token in the file)",
                    "no token in the file: put it in an environment variable and name that variable in tokenEnv");
        }
        String both =
                "command: [program, arguments...] for a stdio server, or url: http(s)://host:port/mcp for Streamable HTTP";
        boolean hasCommand = node.get("command").isPresent();
        if (hasCommand == node.get("url").isPresent()) {
            throw new InvalidInputException(
                    source,
                    node.path(),
                    hasCommand ? "(both command and url)" : "(neither command nor url)",
                    "one of " + both);
        }
        int timeout = node.get("timeoutSeconds").integer(30, 1, 3600);
        int start = node.get("startSeconds").integer(20, 1, 600);
        McpServerSpec spec;
        String where;
        JsonField field;
        if (hasCommand) {
            field = node.get("command");
            String allowed = "a list such as [node, server.js, stdio]: the program, then its arguments";
            List<String> parts = new ArrayList<>();
            for (JsonField part : field.nonEmptyArray(allowed)) {
                if (part.node() == null
                        || !part.node().isTextual()
                        || part.node().asText().isBlank()) {
                    throw field.invalid(allowed);
                }
                parts.add(part.string(allowed));
            }
            if (parts.getFirst().contains("/") && !Path.of(parts.getFirst()).isAbsolute()) {
                parts.set(
                        0,
                        Objects.requireNonNull(file.toAbsolutePath().getParent())
                                .resolve(parts.getFirst())
                                .normalize()
                                .toString());
            }
            if (node.get("tokenEnv").isPresent()) {
                throw new InvalidInputException(
                        source,
                        node.get("tokenEnv").path(),
                        "(a token for a stdio server)",
                        "tokenEnv only with url; give a stdio server its variables in env");
            }
            Map<String, String> variables = new LinkedHashMap<>();
            JsonField env = node.get("env");
            if (env.isPresent()) {
                String variablesAllowed = "an object of variable names and values, such as {LOG_LEVEL: warn}";
                env.object(variablesAllowed).members().forEach((name, value) -> {
                    if (!name.matches(VARIABLE)
                            || value.node() == null
                            || !value.node().isValueNode()) {
                        throw value.invalid("a variable name such as LOG_LEVEL with a text or number value");
                    }
                    variables.put(name, value.node().asText());
                });
            }
            spec = new McpServerSpec.Stdio(parts, variables);
            where = String.join(" ", parts);
        } else {
            field = node.get("url");
            if (node.get("env").isPresent()) {
                throw new InvalidInputException(
                        source,
                        node.get("env").path(),
                        "(variables for an HTTP server)",
                        "env only with command: a server at a URL runs elsewhere");
            }
            URI uri = url(field, "an http(s) URL such as http://127.0.0.1:3001/mcp", "tokenEnv");
            String tokenEnv = variable(node.get("tokenEnv"), "TOOLS_TOKEN");
            String token = null;
            if (!tokenEnv.isEmpty()) {
                token = environment.apply(tokenEnv);
                if (token == null || token.isBlank()) {
                    throw new InvalidInputException(
                            source,
                            node.get("tokenEnv").path(),
                            "'" + tokenEnv + "' (not set in the environment)",
                            "the name of an environment variable that holds the token; export it first");
                }
            }
            spec = new McpServerSpec.Http(uri, token);
            where = uri.toString();
        }
        try {
            McpConnection connection =
                    McpConnection.open(spec, new McpSettings(Duration.ofSeconds(start), Duration.ofSeconds(timeout)));
            opened.add(connection);
            return new EndpointSpec.Mcp(where, connection);
        } catch (McpConnectException e) {
            throw new InvalidInputException(
                    source,
                    field.path(),
                    "'" + where + "'",
                    "an MCP server that starts and lists its tools; " + e.getMessage());
        }
    }

    /** An http(s) URL without credentials in it. */
    private static URI url(JsonField field, String allowed, String variableField) {
        String url = field.nonBlankString(allowed).strip();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field.source(), field.path(), "'" + url + "'", allowed);
        }
        noCredentials(uri.getRawUserInfo(), field, variableField);
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new InvalidInputException(field.source(), field.path(), "'" + url + "'", allowed);
        }
        return uri;
    }

    /** The optional name of an environment variable, such as {@code apiKeyEnv}; empty when absent. */
    private static String variable(JsonField field, String example) {
        String allowed = "the name of an environment variable, such as " + example;
        String name = field.optionalString(allowed).orElse("").strip();
        if (!name.isEmpty() && !name.matches(VARIABLE)) {
            throw new InvalidInputException(field.source(), field.path(), "'" + name + "'", allowed);
        }
        return name;
    }

    /** The id an MCP worker's entry gives, else the slug of the server's name. */
    private static AgentId mcpId(JsonField node, EndpointSpec.Mcp mcp) {
        JsonField id = node.get("id");
        if (!id.isPresent()) {
            return AgentId.slug(mcp.connection().serverName());
        }
        String text = id.value().asText();
        try {
            return AgentId.of(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    id.source(), id.path(), "'" + text + "'", "lower-case kebab-case such as tools-server");
        }
    }

    /** A secret in a URL (user:password@) would come from the file and show in every message that names the endpoint. */
    private static void noCredentials(String userInfo, JsonField field, String variableField) {
        if (userInfo != null) {
            throw new InvalidInputException(
                    field.source(),
                    field.path(),
                    "(credentials in the URL)",
                    "a URL without user:password@; put the key in an environment variable and name that variable in "
                            + variableField);
        }
    }

    private static AgentCard card(JsonField node, Path file) {
        String source = node.source();
        String at = node.path();
        if (node.node() != null && node.node().isTextual()) {
            Path cardFile = java.util.Objects.requireNonNull(
                            file.toAbsolutePath().getParent())
                    .resolve(node.value().asText());
            if (!Files.isRegularFile(cardFile)) {
                throw new InvalidInputException(
                        source,
                        at,
                        "'" + node.node().asText() + "' (not found next to the config)",
                        "an A2A agent card file, or an inline card");
            }
            return A2aCards.read(cardFile);
        }
        if (node.node() == null || !node.node().isObject()) {
            throw InvalidInputException.missing(
                    source, at, "an A2A agent card file name, or an inline card {name, description, skills}");
        }
        node.known("id", "name", "description", "skills");
        String name =
                node.get("name").nonBlankString("the worker's display name").strip();
        JsonField idField = node.get("id");
        AgentId id;
        try {
            id = idField.isPresent() ? AgentId.of(idField.value().asText()) : AgentId.slug(name);
        } catch (IllegalArgumentException e) {
            throw idField.isPresent()
                    ? new InvalidInputException(
                            source,
                            idField.path(),
                            "'" + idField.value().asText() + "'",
                            "lower-case kebab-case such as ledger-agent")
                    : new InvalidInputException(
                            source,
                            node.get("name").path(),
                            "'" + name + "'",
                            "a name with letters or digits, or an 'id' such as ledger-agent");
        }
        List<Skill> skills = new ArrayList<>();
        for (JsonField skill :
                node.get("skills").optionalArray("a list of skills {name, description, tags, examples}")) {
            JsonField nameField = skill.get("name");
            String skillName = nameField.nonBlankString("the skill's name").strip();
            String skillId;
            try {
                skillId = AgentId.slug(skillName).value();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        source, nameField.path(), "'" + skillName + "'", "a name with letters or digits");
            }
            skills.add(new Skill(
                    skillId,
                    skillName,
                    skill.get("description").optionalString("a string").orElse(""),
                    texts(skill.get("tags")),
                    texts(skill.get("examples"))));
        }
        String description = node.get("description").optionalString("a string").orElse("");
        return new AgentCard(
                id, name, description, skills, List.of("text/plain"), List.of("text/plain"), List.of(), "");
    }

    /** An optional list of texts, such as a skill's tags; numbers are taken as their text. */
    private static List<String> texts(JsonField field) {
        List<String> texts = new ArrayList<>();
        field.optionalArray("a list of strings")
                .forEach(
                        item -> texts.add(item.node() == null ? "" : item.node().asText()));
        return texts;
    }
}
