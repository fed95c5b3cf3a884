package dev.monoscale.mcp;

import dev.monoscale.core.FailureKind;
import dev.monoscale.core.WorkerCall;
import java.util.List;
import java.util.Map;

/** Turns a step into one call of one of a server's tools. Implementations are thread-safe. */
@FunctionalInterface
public interface ToolChooser {

    /** What to call, or why none of {@code tools} can take the step. */
    Choice choose(List<McpTool> tools, WorkerCall call);

    sealed interface Choice {}

    record Call(String tool, Map<String, Object> arguments) implements Choice {

        public Call {
            arguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
        }
    }

    /** No call: {@code kind} is {@code REJECTED} for a step no tool can take, {@code ERROR} for a chooser that failed. */
    record None(FailureKind kind, String reason) implements Choice {}
}
