/**
 * The LLM implementations of MonoScale's model-shaped ports (DESIGN.md §3–5), on any OpenAI-compatible server:
 * the {@link dev.monoscale.llm.LlmRouter} (π from label log-probabilities or sample frequencies), the
 * {@link dev.monoscale.llm.LlmWarmupSynthesizer}, the {@link dev.monoscale.llm.LlmDistiller}, the
 * {@link dev.monoscale.llm.LlmJudge} and the {@link dev.monoscale.llm.LlmWorker}. Prompts are versioned resources
 * ({@link dev.monoscale.llm.PromptTemplate}); every trace names the prompt id and version it used.
 */
@NullMarked
package dev.monoscale.llm;

import org.jspecify.annotations.NullMarked;
