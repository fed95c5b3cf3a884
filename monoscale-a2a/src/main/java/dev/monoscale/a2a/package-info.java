/**
 * The A2A protocol boundary: reads A2A agent cards (0.2-style, 0.3 and 1.0 JSON) into the core
 * {@link dev.monoscale.core.AgentCard}, rejecting unusable input with one-line messages.
 */
@NullMarked
package dev.monoscale.a2a;

import org.jspecify.annotations.NullMarked;
