package dev.monoscale.app.live;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Pool;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A live multi-agent system as one config file describes it: the router's model, the judge's model (the router's
 * when absent), and the workers. Without a router model the system is model-free: the embedded router, warm-up
 * tasks from the cards' examples, and a checker that tells answered tasks from failed ones.
 *
 * @param source the file it was read from, for messages
 */
public record LiveConfig(
        Path source,
        EndpointSpec.@Nullable OpenAi router,
        EndpointSpec.@Nullable OpenAi judge,
        List<WorkerSpec> workers) {

    /**
     * One worker: its card, where to call it, and (for model endpoints) its system prompt and the MCP servers whose
     * tools the model may call, in at most {@code maxToolTurns} turns.
     */
    public record WorkerSpec(
            AgentCard card,
            EndpointSpec endpoint,
            String systemPrompt,
            List<EndpointSpec.Mcp> tools,
            int maxToolTurns) {

        public WorkerSpec {
            tools = List.copyOf(tools);
        }

        public WorkerSpec(AgentCard card, EndpointSpec endpoint, String systemPrompt) {
            this(card, endpoint, systemPrompt, List.of(), 0);
        }
    }

    public LiveConfig {
        workers = List.copyOf(workers);
    }

    /** Every MCP session the config opened: the MCP workers' and the tool servers of model workers. */
    public List<dev.monoscale.mcp.McpConnection> mcpConnections() {
        List<dev.monoscale.mcp.McpConnection> all = new java.util.ArrayList<>();
        for (WorkerSpec worker : workers) {
            if (worker.endpoint() instanceof EndpointSpec.Mcp mcp) {
                all.add(mcp.connection());
            }
            worker.tools().forEach(tool -> all.add(tool.connection()));
        }
        return all;
    }

    public Pool pool() {
        return Pool.of(workers.stream().map(WorkerSpec::card).toList());
    }
}
