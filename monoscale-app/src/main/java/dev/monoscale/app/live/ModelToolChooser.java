package dev.monoscale.app.live;

import dev.monoscale.core.FailureKind;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.llm.client.ChatCompletion;
import dev.monoscale.llm.client.ChatMessage;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.llm.client.ModelException;
import dev.monoscale.llm.client.ToolCall;
import dev.monoscale.mcp.McpConnection;
import dev.monoscale.mcp.McpTool;
import dev.monoscale.mcp.ToolChooser;
import dev.monoscale.stats.Seeds;
import java.util.List;

/**
 * The router's model turns a step into a tool call: it gets the server's tools (OpenAI-compatible tool calling,
 * {@code tool_choice: required}) and the step, and its first call is made. A model that calls no tool, or writes
 * arguments that are not a JSON object, leaves the step refused; a model fault is the step's failure, by its kind.
 */
final class ModelToolChooser implements ToolChooser {

    static final String SYSTEM = "You turn one step of a task into exactly one call of one of the tools you are given. "
            + "Pick the tool that does the step and fill its arguments from the step's text. Do not answer in words.";

    private final ChatModel model;
    private final String modelName;
    private final McpToolBox tools;
    private final long seed;

    ModelToolChooser(ChatModel model, String modelName, McpConnection server, long seed) {
        this.model = model;
        this.modelName = modelName;
        this.tools = new McpToolBox(List.of(server));
        this.seed = seed;
    }

    @Override
    public Choice choose(List<McpTool> ignored, WorkerCall call) {
        StringBuilder user = new StringBuilder();
        for (StepOutput input : call.inputs()) {
            user.append("Output of step ")
                    .append(input.step() + 1)
                    .append(":\n")
                    .append(input.content().strip())
                    .append("\n\n");
        }
        user.append("Step: ").append(call.text());
        ChatRequest request = ChatRequest.of(
                        modelName, List.of(ChatMessage.system(SYSTEM), ChatMessage.user(user.toString())))
                .withTemperature(0)
                .withSeed(Seeds.mix(seed, call.task().value(), call.step(), call.sample()))
                .withTools(tools.tools(), "required");
        ChatCompletion completion;
        try {
            completion = model.complete(request);
        } catch (ModelException e) {
            FailureKind kind = switch (e.kind()) {
                case TIMEOUT -> FailureKind.TIMEOUT;
                case UNREACHABLE, CIRCUIT_OPEN, RATE_LIMITED -> FailureKind.UNAVAILABLE;
                default -> FailureKind.ERROR;
            };
            return new None(kind, "the model that fills tool arguments failed: " + e.getMessage());
        }
        if (completion.toolCalls().isEmpty()) {
            return new None(FailureKind.REJECTED, "the model called no tool for the step");
        }
        ToolCall first = completion.toolCalls().getFirst();
        try {
            return new Call(tools.mcpName(first.name()), McpToolBox.arguments(first.arguments()));
        } catch (IllegalArgumentException e) {
            return new None(
                    FailureKind.REJECTED, "the model's call of '" + first.name() + "' is unusable: " + e.getMessage());
        }
    }
}
