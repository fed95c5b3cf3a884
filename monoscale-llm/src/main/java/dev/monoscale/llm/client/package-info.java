/**
 * The project's own client for OpenAI-compatible {@code /v1/chat/completions} servers (OpenAI, vLLM, Ollama's
 * {@code /v1}, llama.cpp's server, LM Studio), behind the small {@link dev.monoscale.llm.client.ChatModel} port:
 * log-probabilities, {@code n} samples, seeds, JSON-schema output, server-specific fields, retries that follow
 * {@code Retry-After}, classified errors, a circuit breaker per endpoint, and streaming. The public types are the
 * port, its values, {@link dev.monoscale.llm.client.EndpointSettings}, {@link dev.monoscale.llm.client.RetryPolicy}
 * and the entry point {@link dev.monoscale.llm.client.OpenAiCompatibleClient}; the client's parts (transport,
 * watchdog, answer and stream readers, error classification, retries and breaker on resilience4j) are
 * package-private.
 */
@NullMarked
package dev.monoscale.llm.client;

import org.jspecify.annotations.NullMarked;
