package dev.monoscale.core;

/** What an earlier step produced and handed to a later one. */
public record StepOutput(int step, AgentId producer, String content, String format) {}
