package dev.monoscale.llm.client;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message of a chat: {@code system}, {@code user}, {@code assistant} or {@code tool}, and its text.
 *
 * @param toolCalls the calls an {@code assistant} message asked for; empty otherwise
 * @param toolCallId which call a {@code tool} message answers; null otherwise
 */
public record ChatMessage(
        String role,
        String content,
        List<ToolCall> toolCalls,
        @Nullable String toolCallId) {

    public ChatMessage {
        toolCalls = List.copyOf(toolCalls);
    }

    public ChatMessage(String role, String content) {
        this(role, content, List.of(), null);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    /** The model's turn that asked for {@code calls}, to send back before their results. */
    public static ChatMessage assistant(String content, List<ToolCall> calls) {
        return new ChatMessage("assistant", content, calls, null);
    }

    /** The result of the call {@code callId}. */
    public static ChatMessage tool(String callId, String content) {
        return new ChatMessage("tool", content, List.of(), callId);
    }
}
