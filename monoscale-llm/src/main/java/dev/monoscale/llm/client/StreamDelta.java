package dev.monoscale.llm.client;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A piece of a streamed answer, as it arrives: the choice it belongs to, new text, and that text's log-probabilities. */
public record StreamDelta(
        int index,
        String content,
        List<ChatCompletion.TokenLogprob> logprobs,
        @Nullable String finishReason) {

    public StreamDelta {
        logprobs = List.copyOf(logprobs);
    }
}
