package dev.monoscale.llm.client;

/**
 * A call the model asked for in an answer's {@code tool_calls}.
 *
 * @param arguments the arguments as the model wrote them: a JSON object in a string, not checked here
 */
public record ToolCall(String id, String name, String arguments) {}
