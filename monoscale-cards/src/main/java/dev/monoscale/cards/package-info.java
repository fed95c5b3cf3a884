/**
 * Agent cards: reads A2A agent cards (0.2-style, 0.3 and 1.0 JSON) into the core
 * {@link dev.monoscale.core.AgentCard}, rejecting unusable input with one-line messages. Carries no HTTP client or
 * server; fetching a card over HTTP is {@code monoscale-a2a}'s.
 */
@NullMarked
package dev.monoscale.cards;

import org.jspecify.annotations.NullMarked;
