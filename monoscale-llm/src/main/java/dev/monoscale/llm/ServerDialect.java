package dev.monoscale.llm;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an OpenAI-compatible server can do for the router, from llm-client.md §3.4: whether it returns
 * log-probabilities, whether it honours {@code n} above 1, and which server-specific field constrains the answer
 * to the offered labels. The estimator starts at the best method the dialect allows and still degrades when the
 * server turns out to lack it.
 */
public enum ServerDialect {
    /** OpenAI: logprobs (not on reasoning models), n; unknown fields are refused, so none is sent */
    OPENAI(true, true),
    /** vLLM: logprobs (raw, before temperature), n, and {@code structured_outputs.choice} */
    VLLM(true, true),
    /** Ollama's /v1 (0.12.11 and later): logprobs; n is ignored */
    OLLAMA(true, false),
    /** llama.cpp's server: pre-sampling logprobs; n above 1 is an error; a GBNF grammar constrains the label */
    LLAMACPP(true, false),
    /** LM Studio: logprobs are dropped silently, n is not documented: repeated single samples */
    LMSTUDIO(false, false),
    /** an unknown server: try everything, degrade on what is missing */
    GENERIC(true, true);

    private final boolean logprobs;
    private final boolean n;

    ServerDialect(boolean logprobs, boolean n) {
        this.logprobs = logprobs;
        this.n = n;
    }

    public boolean logprobs() {
        return logprobs;
    }

    public boolean n() {
        return n;
    }

    /** The server-specific fields that restrict the answer to one of {@code labels}; empty when the server has none. */
    public Map<String, Object> labelConstraint(List<String> labels) {
        return switch (this) {
            case VLLM -> Map.of("structured_outputs", Map.of("choice", labels));
            case LLAMACPP ->
                Map.of(
                        "grammar",
                        "root ::= "
                                + String.join(
                                        " | ",
                                        labels.stream()
                                                .map(l -> "\"" + l + "\"")
                                                .toList()));
            case OPENAI, OLLAMA, LMSTUDIO, GENERIC -> Map.of();
        };
    }

    /** The dialect named in a config file, such as {@code vllm}. */
    public static ServerDialect named(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT).replace("-", "").replace(".", ""));
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
