/**
 * Warm-up synthesis: a planner proposes task intents from the cards, an executor has the world turn them into
 * checkable tasks, and a validator drops what cannot teach anything.
 */
@NullMarked
package dev.monoscale.synthesis;

import org.jspecify.annotations.NullMarked;
