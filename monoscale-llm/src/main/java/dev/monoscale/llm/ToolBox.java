package dev.monoscale.llm;

import dev.monoscale.llm.client.ToolDefinition;
import java.util.List;

/**
 * Tools a model may call, such as the tools of MCP servers. A call never throws for the tool's own faults: it
 * returns an error result, which goes back to the model as the call's answer. Implementations are thread-safe.
 */
public interface ToolBox {

    List<ToolDefinition> tools();

    /**
     * @param arguments the arguments as the model wrote them, a JSON object in a string (possibly malformed)
     */
    Result call(String name, String arguments);

    /** @param error whether the tool failed; {@code content} then says why */
    record Result(String content, boolean error) {}
}
