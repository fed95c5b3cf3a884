package dev.monoscale.mcp;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.time.Duration;
import java.time.InstantSource;

/**
 * A pool worker that is an MCP server: a step becomes one call of one of its tools, chosen and filled by the
 * {@link ToolChooser}, and the tool's text is the answer. Faults are replies, never exceptions (see
 * {@link McpConnection#call}); a step no tool can take is {@link FailureKind#REJECTED}. Retries and the circuit
 * breaker are not here: wrap the worker with {@code ResilientWorkers}. The worker does not own the connection:
 * whoever opened it closes it.
 */
public final class McpWorker implements Worker {

    private final AgentId id;
    private final McpConnection connection;
    private final ToolChooser chooser;
    private final InstantSource clock;

    public McpWorker(AgentId id, McpConnection connection, ToolChooser chooser, InstantSource clock) {
        this.id = id;
        this.connection = connection;
        this.chooser = chooser;
        this.clock = clock;
    }

    /** The worker of {@code connection}'s server, model-free ({@link SingleStringChooser}). */
    public static McpWorker modelFree(AgentId id, McpConnection connection) {
        return new McpWorker(id, connection, new SingleStringChooser(), InstantSource.system());
    }

    @Override
    public AgentId id() {
        return id;
    }

    @Override
    public WorkerReply call(WorkerCall call) {
        var start = clock.instant();
        ToolChooser.Choice choice;
        try {
            choice = chooser.choose(connection.tools(), call);
        } catch (RuntimeException e) {
            return new WorkerReply.Failed(
                    FailureKind.ERROR,
                    "choosing a tool of '%s' failed: %s"
                            .formatted(id, e.getClass().getName()),
                    Duration.between(start, clock.instant()),
                    0);
        }
        return switch (choice) {
            case ToolChooser.None none ->
                new WorkerReply.Failed(
                        none.kind(),
                        "'%s' cannot take the step: %s".formatted(id, none.reason()),
                        Duration.between(start, clock.instant()),
                        0);
            case ToolChooser.Call tool ->
                switch (connection.call(tool.tool(), tool.arguments())) {
                    case ToolOutcome.Answered answered ->
                        new WorkerReply.Answered(
                                answered.text(), "text/plain", Duration.between(start, clock.instant()), 0);
                    case ToolOutcome.Failed failed ->
                        new WorkerReply.Failed(
                                failed.kind(), failed.message(), Duration.between(start, clock.instant()), 0);
                };
        };
    }
}
