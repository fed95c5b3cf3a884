package dev.monoscale.mcp;

import java.time.Duration;

/**
 * How long to wait for an MCP server.
 *
 * @param connectTimeout for the start and the {@code initialize} handshake, and for {@code tools/list}
 * @param callTimeout for one {@code tools/call}
 */
public record McpSettings(Duration connectTimeout, Duration callTimeout) {

    public McpSettings {
        if (!connectTimeout.isPositive() || !callTimeout.isPositive()) {
            throw new IllegalArgumentException(
                    "MCP timeouts must be positive, were %s and %s".formatted(connectTimeout, callTimeout));
        }
    }

    /** 20 s to start and list tools (a node server takes 1.3 to 1.6 s here), 30 s per tool call. */
    public static McpSettings defaults() {
        return new McpSettings(Duration.ofSeconds(20), Duration.ofSeconds(30));
    }
}
