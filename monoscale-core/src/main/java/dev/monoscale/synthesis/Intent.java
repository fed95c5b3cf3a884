package dev.monoscale.synthesis;

import dev.monoscale.core.AgentId;

/**
 * What a warm-up task should exercise, in words taken from the cards: the planner's output and the executor's
 * input.
 *
 * @param text the capability to probe, such as a skill's description or example
 * @param source where the words came from, such as {@code quick-math/arith example 1}
 */
public record Intent(AgentId newcomer, IntentKind kind, String text, String source) {}
