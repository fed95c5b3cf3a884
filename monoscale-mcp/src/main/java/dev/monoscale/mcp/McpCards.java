package dev.monoscale.mcp;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.Skill;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The card of an MCP server, from its {@code initialize} answer and {@code tools/list}: one worker per server.
 *
 * <ul>
 *   <li>id: the slug of the server's name ({@code mcp-servers/everything} is {@code mcp-servers-everything}),
 *       unless the configuration names one; name: the server's title, else its name; version: its version.
 *   <li>description: the server's instructions, else a line naming the server and its tools.
 *   <li>one skill per tool: id the slug of the tool's name, name the tool's name, description the tool's
 *       description followed by its arguments from the input schema ({@code Arguments: a: number, required; ...}),
 *       examples the {@code examples} the schema gives for its properties; no tags.
 *   <li>one endpoint: the URL and {@code MCP-STREAMABLE-HTTP}, or {@code stdio:<command>} and {@code MCP-STDIO},
 *       with the protocol version the server agreed to.
 * </ul>
 */
public final class McpCards {

    public static final String STDIO = "MCP-STDIO";
    public static final String HTTP = "MCP-STREAMABLE-HTTP";

    private McpCards() {}

    /** The card of {@code connection}'s server, with the id the slug of its name. */
    public static AgentCard card(McpConnection connection) {
        return card(connection, AgentId.slug(connection.serverName()));
    }

    public static AgentCard card(McpConnection connection, AgentId id) {
        List<Skill> skills = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (McpTool tool : connection.tools()) {
            String skillId = AgentId.slug(tool.name()).value();
            for (int n = 2; !ids.add(skillId); n++) {
                skillId = AgentId.slug(tool.name()).value() + "-" + n;
            }
            String description = tool.description().strip();
            String text = (description.isEmpty() ? tool.title() : description)
                    + (description.isEmpty() && tool.title().isEmpty() ? "" : "\n") + "Arguments: " + tool.signature();
            skills.add(new Skill(skillId, tool.name(), text, List.of(), tool.examples()));
        }
        String description = !connection.instructions().isBlank()
                ? connection.instructions().strip()
                : "MCP server %s%s with %d tool%s: %s"
                        .formatted(
                                connection.serverName(),
                                connection.serverVersion().isEmpty() ? "" : " " + connection.serverVersion(),
                                skills.size(),
                                skills.size() == 1 ? "" : "s",
                                String.join(
                                        ", ",
                                        connection.tools().stream()
                                                .map(McpTool::name)
                                                .toList()));
        return new AgentCard(
                id,
                connection.serverTitle(),
                description,
                skills,
                List.of("text/plain"),
                List.of("text/plain"),
                List.of(endpoint(connection)),
                connection.serverVersion());
    }

    private static Endpoint endpoint(McpConnection connection) {
        return switch (connection.spec()) {
            case McpServerSpec.Http http -> new Endpoint(http.url(), HTTP, connection.protocolVersion());
            case McpServerSpec.Stdio stdio -> {
                try {
                    yield new Endpoint(
                            new URI("stdio", String.join(" ", stdio.command()), null),
                            STDIO,
                            connection.protocolVersion());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException("cannot name the command as a URI: " + stdio.command(), e);
                }
            }
        };
    }
}
