package dev.monoscale.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A small MCP server for the end-to-end tests, on the SDK's server side over stdio: one tool, {@code translate},
 * that takes one string and fails on purpose ({@code isError}) for anything that mentions German. Run as a child
 * process with the test class path; see {@link #command()}.
 */
public final class FlakyTranslatorServer {

    static final String SCHEMA = """
            {"type": "object", "required": ["text"], "properties": {"text": {"type": "string",
             "description": "what to translate and into which language",
             "examples": ["Translate 'good morning' into French", "Translate this letter into German", "Translate the menu into Spanish",
                          "Translate this contract into German"]}}}""";

    private FlakyTranslatorServer() {}

    /** The command that starts this server with the current JVM and class path. */
    public static List<String> command() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), FlakyTranslatorServer.class.getName());
    }

    public static void main(String[] args) throws InterruptedException {
        McpJsonMapper json = McpJsonDefaults.getMapper();
        McpSchema.Tool translate = McpSchema.Tool.builder("translate", json, SCHEMA)
                .description("Translates text, letters, menus and documents into French, German or Spanish")
                .build();
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json))
                .serverInfo("fast-translator", "1.4.2")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .toolCall(translate, (exchange, request) -> {
                    String text = String.valueOf(request.arguments().get("text"));
                    if (text.toLowerCase(java.util.Locale.ROOT).contains("german")) {
                        return McpSchema.CallToolResult.builder()
                                .addTextContent("German is not available: the dictionary failed to load")
                                .isError(true)
                                .build();
                    }
                    return McpSchema.CallToolResult.builder()
                            .addTextContent("[translated] " + text)
                            .build();
                })
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(server::closeGracefully));
        new CountDownLatch(1).await();
    }
}
