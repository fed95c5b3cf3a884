package dev.monoscale.llm.client;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What a chat-completions call returned: one choice per sample, each with its text and token log-probabilities. */
public record ChatCompletion(@Nullable String id, @Nullable String model, List<Choice> choices, Optional<Usage> usage) {

    public ChatCompletion {
        choices = List.copyOf(choices);
    }

    /**
     * One generated answer.
     *
     * @param logprobs one entry per generated token; empty when the server sent none
     * @param toolCalls the tool calls the model asked for ({@code finish_reason} {@code tool_calls}); empty when none
     */
    public record Choice(
            int index,
            String text,
            @Nullable String finishReason,
            List<TokenLogprob> logprobs,
            List<ToolCall> toolCalls) {

        public Choice {
            logprobs = List.copyOf(logprobs);
            toolCalls = List.copyOf(toolCalls);
        }

        public Choice(int index, String text, @Nullable String finishReason, List<TokenLogprob> logprobs) {
            this(index, text, finishReason, logprobs, List.of());
        }
    }

    /**
     * One generated token, its natural-log probability, and the alternatives the server listed at its position.
     */
    public record TokenLogprob(String token, double logprob, List<Alternative> top) {

        public TokenLogprob {
            top = List.copyOf(top);
        }
    }

    /** A token the model could have produced at a position, with its natural-log probability. */
    public record Alternative(String token, double logprob) {}

    /** Token counts, when the server reports them. */
    public record Usage(int promptTokens, int completionTokens, int totalTokens) {}

    /** The first choice's tool calls; empty when there is no choice or it calls none. */
    public List<ToolCall> toolCalls() {
        return choices.isEmpty() ? List.of() : choices.getFirst().toolCalls();
    }

    /** The first choice's text; empty when there is no choice. */
    public String text() {
        return choices.isEmpty() ? "" : choices.getFirst().text();
    }
}
