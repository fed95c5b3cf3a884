package dev.monoscale.app.live;

import dev.monoscale.a2a.A2aAgent;
import dev.monoscale.llm.ServerDialect;
import dev.monoscale.mcp.McpConnection;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one worker or model, by endpoint {@code type} in the config file. Adding a type is one record here,
 * one case in {@link LiveConfigs#endpoint} (reading it) and one in {@link LiveWorld#worker} (calling it).
 */
public sealed interface EndpointSpec {

    /** Where it is, for messages. */
    String describe();

    /**
     * {@code type: openai}: an OpenAI-compatible {@code /v1/chat/completions} server.
     *
     * @param apiKeyEnv the environment variable holding the key; the key itself never appears in the file
     * @param timeout per attempt
     * @param maxTokens the {@code max_tokens} of every call that sets none (the config's {@code maxTokens}, default 4096)
     */
    record OpenAi(
            URI baseUrl,
            String model,
            ServerDialect dialect,
            @Nullable String apiKeyEnv,
            Duration timeout,
            int retries,
            int maxTokens)
            implements EndpointSpec {

        @Override
        public String describe() {
            return baseUrl + " (model " + model + ")";
        }
    }

    /**
     * {@code type: a2a}: an A2A agent, called over the transport its own card offers. Its card is the one it
     * publishes, read when the config is loaded.
     *
     * @param url the agent's base URL, its card's URL, or a card file
     * @param tokenEnv the environment variable holding the bearer token, for agents whose card asks for one
     * @param timeout per request
     * @param deadline for a whole task, polling included
     * @param agent the agent as its card describes it
     */
    record A2a(String url, @Nullable String tokenEnv, Duration timeout, Duration deadline, A2aAgent agent)
            implements EndpointSpec {

        @Override
        public String describe() {
            return "A2A agent " + url;
        }
    }

    /**
     * {@code type: mcp}: an MCP server, one worker per server. It is started (stdio) or connected (Streamable HTTP)
     * when the config is read, so that its card comes from its own {@code tools/list}; the live world closes it.
     *
     * @param where the command line or the URL, for messages
     * @param connection the live session with the server
     */
    record Mcp(String where, McpConnection connection) implements EndpointSpec {

        @Override
        public String describe() {
            return connection.spec().describe();
        }
    }
}
