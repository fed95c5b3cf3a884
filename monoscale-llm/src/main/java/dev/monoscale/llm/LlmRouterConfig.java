package dev.monoscale.llm;

import dev.monoscale.routing.MemoryRouterConfig;

/**
 * How the LLM router asks its model.
 *
 * @param model the model name sent to the endpoint
 * @param retrieval top-K, the token budget K for memory entries in the prompt, and the coverage an entry needs
 *     to apply: the same retrieval as the embedded memory router's
 * @param cardTokens the most tokens (about four characters each) of one worker's card in the prompt, in
 *     [16, 4000] (default 200)
 * @param seed the seed of every model call; a step's calls derive theirs from it and the task id
 */
public record LlmRouterConfig(String model, MemoryRouterConfig retrieval, int cardTokens, long seed) {

    public LlmRouterConfig {
        if (model.isBlank()) {
            throw new IllegalArgumentException("the router needs a model name");
        }
        if (cardTokens < 16 || cardTokens > 4000) {
            throw new IllegalArgumentException("card tokens must be in [16, 4000], was " + cardTokens);
        }
    }

    public static LlmRouterConfig defaults(String model) {
        return new LlmRouterConfig(model, MemoryRouterConfig.defaults(), 200, 1);
    }

    public LlmRouterConfig withSeed(long seed) {
        return new LlmRouterConfig(model, retrieval, cardTokens, seed);
    }
}
