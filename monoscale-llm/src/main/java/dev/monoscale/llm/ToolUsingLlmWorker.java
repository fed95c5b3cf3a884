package dev.monoscale.llm;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.llm.client.ChatCompletion;
import dev.monoscale.llm.client.ChatMessage;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.llm.client.ToolCall;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A model that may call tools (OpenAI-compatible tool calling) before it answers: the worker a user builds from a
 * local model plus, say, MCP servers. Each turn offers the tools; the calls the model asks for are made in order and
 * their results (errors included, so the model can correct itself) go back as messages of role {@code "tool"}.
 * After {@code maxTurns} turns with calls, one last turn asks for an answer without tools
 * ({@code tool_choice: none}); a model that still asks for tools then fails with {@link FailureKind#ERROR}. Model
 * faults map as in {@link LlmWorker}. Thread-safe when the tool box is.
 *
 * @param maxTurns the most turns whose tool calls are made, at least 1
 */
public record ToolUsingLlmWorker(
        AgentId id,
        ChatModel model,
        String modelName,
        String systemPrompt,
        ToolBox tools,
        int maxTurns,
        long seed,
        LongSupplier nanoTime)
        implements Worker {

    public ToolUsingLlmWorker {
        if (maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be at least 1, was " + maxTurns);
        }
    }

    public static ToolUsingLlmWorker of(
            AgentId id, ChatModel model, String modelName, String systemPrompt, ToolBox tools, int maxTurns) {
        return new ToolUsingLlmWorker(id, model, modelName, systemPrompt, tools, maxTurns, 1, System::nanoTime);
    }

    @Override
    public WorkerReply call(WorkerCall call) {
        List<ChatMessage> messages = ModelTurns.opening(systemPrompt, call);
        long seedOfCall = ModelTurns.seed(seed, call);
        return ModelTurns.run(nanoTime, elapsed -> {
            for (int turn = 0; ; turn++) {
                boolean last = turn == maxTurns;
                ChatRequest request = ChatRequest.of(modelName, messages)
                        .withTemperature(0)
                        .withSeed(seedOfCall)
                        .withTools(tools.tools(), last ? "none" : "auto");
                ChatCompletion completion = model.complete(request);
                List<ToolCall> calls = completion.toolCalls();
                if (calls.isEmpty()) {
                    return new WorkerReply.Answered(completion.text(), "text/plain", elapsed.get(), 0);
                }
                if (last) {
                    String asked =
                            String.join(", ", calls.stream().map(ToolCall::name).toList());
                    return new WorkerReply.Failed(
                            FailureKind.ERROR,
                            "model '%s' still asked for tools (%s) after %d turn%s of tool calls"
                                    .formatted(modelName, asked, maxTurns, maxTurns == 1 ? "" : "s"),
                            elapsed.get(),
                            0);
                }
                messages.add(ChatMessage.assistant(completion.text(), calls));
                for (ToolCall toolCall : calls) {
                    messages.add(ChatMessage.tool(toolCall.id(), answer(toolCall)));
                }
            }
        });
    }

    private String answer(ToolCall call) {
        ToolBox.Result result;
        try {
            result = tools.call(call.name(), call.arguments());
        } catch (RuntimeException e) {
            result = new ToolBox.Result("the tool failed: " + e.getClass().getSimpleName(), true);
        }
        return result.error() ? "error: " + result.content() : result.content();
    }
}
