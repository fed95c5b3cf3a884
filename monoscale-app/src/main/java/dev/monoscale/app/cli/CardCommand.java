package dev.monoscale.app.cli;

import dev.monoscale.a2a.A2aAgent;
import dev.monoscale.a2a.A2aClientConfig;
import dev.monoscale.a2a.A2aDiscovery;
import dev.monoscale.app.live.LiveConfig;
import dev.monoscale.app.live.LiveConfigs;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Skill;
import dev.monoscale.mcp.McpCards;
import dev.monoscale.mcp.McpConnectException;
import dev.monoscale.mcp.McpConnection;
import dev.monoscale.mcp.McpServerSpec;
import dev.monoscale.mcp.McpSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code monoscale card}: what the router will see of an agent card. */
@Command(
        name = "card",
        mixinStandardHelpOptions = true,
        description = "Read A2A agent cards (v0.2-style, v0.3, v1.0) and the cards of MCP servers.",
        subcommands = {CardCommand.Show.class})
final class CardCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = {
                "Print what the router will see of an agent card, or name its defect in one line (exit 2).",
                "WHERE is a card file, a card URL, or an agent's base URL (its /.well-known/agent-card.json, then /.well-known/agent.json);",
                "or mcp:COMMAND (an MCP server started on stdio, such as 'mcp:node server.js stdio') or mcp:URL (Streamable HTTP):",
                "the card made from the server's tools/list; or, with --config, the id of a worker in that config file."
            })
    static final class Show implements Runnable {

        @Parameters(
                paramLabel = "WHERE",
                description =
                        "an A2A agent card file, card URL or agent base URL; mcp:COMMAND or mcp:URL; a worker id with --config")
        String where;

        @CommandLine.Option(
                names = "--config",
                paramLabel = "FILE",
                description = "a live config (monoscale.yaml): WHERE is the id of one of its workers")
        Path config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            if (config != null) {
                configured();
                return;
            }
            if (where.startsWith("mcp:")) {
                mcp(where.substring("mcp:".length()).strip());
                return;
            }
            A2aAgent agent = new A2aDiscovery(A2aClientConfig.defaults()).discover(where);
            AgentCard card = agent.card();
            PrintWriter out = spec.commandLine().getOut();
            out.println("source:      " + agent.source());
            out.println("id:          " + card.id());
            out.println("name:        " + CardText.oneLine(card.name()));
            out.println("description: " + CardText.oneLine(card.description()));
            out.println("version:     " + (card.version().isEmpty() ? "(none)" : card.version()));
            out.println("input:       " + String.join(", ", card.inputModes()));
            out.println("output:      " + String.join(", ", card.outputModes()));
            for (Endpoint endpoint : card.endpoints()) {
                out.println("endpoint:    " + endpoint.url() + " (" + endpoint.binding()
                        + (endpoint.protocolVersion().isEmpty() ? "" : ", protocol " + endpoint.protocolVersion())
                        + ")");
            }
            out.println("security:    "
                    + switch (agent.security().kind()) {
                        case NONE -> "none";
                        case BEARER ->
                            "bearer token (scheme '" + agent.security().scheme() + "')";
                        case API_KEY ->
                            "API key in header " + agent.security().header() + " (scheme '"
                                    + agent.security().scheme() + "')";
                    });
            out.println("streaming:   " + (agent.streaming() ? "yes" : "no"));
            out.println("skills:      " + card.skills().size());
            for (Skill skill : card.skills()) {
                out.println("  - " + CardText.oneLine(skill.name()) + " [" + CardText.oneLine(skill.id()) + "]: "
                        + CardText.oneLine(skill.description()));
                if (!skill.tags().isEmpty()) {
                    out.println("    tags: " + CardText.oneLine(String.join(", ", skill.tags())));
                }
                for (String example : skill.examples()) {
                    out.println("    e.g. " + CardText.oneLine(example));
                }
            }
            out.flush();
        }

        /** The card of an MCP server, started or connected for the purpose, then stopped. */
        private void mcp(String server) {
            McpServerSpec target;
            if (server.startsWith("http://") || server.startsWith("https://")) {
                try {
                    target = new McpServerSpec.Http(URI.create(server), null);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(
                            "card show", "WHERE", "'mcp:" + server + "'", "mcp:http(s)://host:port/mcp or mcp:COMMAND");
                }
            } else {
                List<String> command = Arrays.stream(server.split("\\s+"))
                        .filter(part -> !part.isEmpty())
                        .toList();
                if (command.isEmpty()) {
                    throw new InvalidInputException(
                            "card show",
                            "WHERE",
                            "'mcp:'",
                            "mcp:COMMAND such as 'mcp:node server.js stdio', or mcp:URL");
                }
                target = new McpServerSpec.Stdio(command, Map.of());
            }
            try (McpConnection connection = McpConnection.open(target, McpSettings.defaults())) {
                PrintWriter out = spec.commandLine().getOut();
                out.println("source:      " + target.describe());
                out.println("server:      " + connection.serverName() + " " + connection.serverVersion()
                        + " (MCP protocol " + connection.protocolVersion() + ")");
                print(McpCards.card(connection), out);
            } catch (McpConnectException e) {
                throw new InvalidInputException(
                        "card show",
                        "WHERE",
                        "'mcp:" + server + "'",
                        "an MCP server that starts and lists its tools; " + e.getMessage());
            }
        }

        /** The card of one worker of a live config, as the config makes it. */
        private void configured() {
            LiveConfig live = LiveConfigs.load(config);
            try {
                AgentId id;
                try {
                    id = AgentId.of(where);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(
                            "card show",
                            "WHERE",
                            "'" + where + "'",
                            "the id of a worker in " + config + ": "
                                    + live.pool().ids());
                }
                var worker = live.workers().stream()
                        .filter(w -> w.card().id().equals(id))
                        .findFirst()
                        .orElseThrow(() -> new InvalidInputException(
                                "card show",
                                "WHERE",
                                "'" + where + "'",
                                "the id of a worker in " + config + ": "
                                        + live.pool().ids()));
                PrintWriter out = spec.commandLine().getOut();
                out.println("source:      " + config + " (" + worker.endpoint().describe() + ")");
                print(worker.card(), out);
            } finally {
                live.mcpConnections().forEach(McpConnection::close);
            }
        }

        private static void print(AgentCard card, PrintWriter out) {
            out.println("id:          " + card.id());
            out.println("name:        " + CardText.oneLine(card.name()));
            out.println("description: " + CardText.oneLine(card.description()));
            out.println("version:     " + (card.version().isEmpty() ? "(none)" : card.version()));
            for (Endpoint endpoint : card.endpoints()) {
                out.println("endpoint:    " + endpoint.url() + " (" + endpoint.binding()
                        + (endpoint.protocolVersion().isEmpty() ? "" : ", protocol " + endpoint.protocolVersion())
                        + ")");
            }
            out.println("skills:      " + card.skills().size());
            for (Skill skill : card.skills()) {
                out.println("  - " + CardText.oneLine(skill.name()) + " [" + CardText.oneLine(skill.id()) + "]: "
                        + CardText.oneLine(skill.description()));
                for (String example : skill.examples()) {
                    out.println("    e.g. " + CardText.oneLine(example));
                }
            }
            out.flush();
        }
    }

    static final class CardText {
        private CardText() {}

        /** Card text on one line, control characters escaped (an MCP server's tool list is not checked like an A2A card). */
        static String oneLine(String text) {
            String flat = dev.monoscale.cards.Values.oneLine(text);
            return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
        }
    }
}
