package dev.monoscale.mcp;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Where an MCP server is: a command to start (stdio) or a Streamable HTTP endpoint. */
public sealed interface McpServerSpec {

    /** Where it is, for messages; never a secret. */
    String describe();

    /**
     * A server started as a child process that speaks MCP on its stdin and stdout.
     *
     * @param command the program and its arguments
     * @param env variables added to the inherited environment
     */
    record Stdio(List<String> command, Map<String, String> env) implements McpServerSpec {

        public Stdio {
            command = List.copyOf(command);
            env = java.util.Collections.unmodifiableMap(new TreeMap<>(env));
            if (command.isEmpty() || command.getFirst().isBlank()) {
                throw new IllegalArgumentException("an MCP stdio server needs a command");
            }
        }

        @Override
        public String describe() {
            return "MCP server '" + String.join(" ", command) + "' (stdio)";
        }
    }

    /**
     * A server behind a Streamable HTTP endpoint, such as {@code http://127.0.0.1:3001/mcp}.
     *
     * @param token the bearer token to send, or null; it never shows in {@link #describe()}
     */
    record Http(URI url, @Nullable String token) implements McpServerSpec {

        @Override
        public String describe() {
            return "MCP server " + url + " (Streamable HTTP)";
        }

        @Override
        public String toString() {
            return "Http[url=" + url + ", token=" + (token == null ? "none" : "(set)") + "]";
        }
    }
}
